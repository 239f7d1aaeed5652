/**
 * Reads an entry's fields by trying candidate names in order, and remembers which fields it used,
 * so that a message rendered from "the other fields" leaves out what the columns already show.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import { timeFromValue } from './json-lines-time';
import { integerOf, lookup, type JsonObject, type JsonValue } from './json-lines-values';

/** Longest value taken for a short column (provider, computer…); longer ones are left in `data`. */
const MAX_COLUMN_TEXT = 256;

/** The event columns every JSON mapping fills (raw and line come from the file). */
export type MappedFields = Omit<ParsedEvent, 'message' | 'data' | 'raw' | 'line'> & {
  /** The message; null when the entry has none and one must be rendered from the fields. */
  message: string | null;
  /** The field the message came from, kept out of `data` since the message column holds it. */
  messageField: string | null;
};

export class EntryReader {
  /** Dotted paths of the fields used for columns. */
  readonly used = new Set<string>();

  constructor(readonly entry: JsonObject) {}

  /** The value at a path, without marking it used. */
  peek(path: string): JsonValue | undefined {
    return lookup(this.entry, path);
  }

  /** The first candidate that `read` accepts, marking its field used. */
  first<T>(paths: readonly string[], read: (value: JsonValue, path: string) => T | undefined): { value: T; path: string } | undefined {
    for (const path of paths) {
      const raw = lookup(this.entry, path);
      if (raw === undefined) continue;
      const value = read(raw, path);
      if (value === undefined) continue;
      this.used.add(path);
      return { value, path };
    }
    return undefined;
  }

  /** The first non-empty short string among the candidates. */
  text(paths: readonly string[]): string | null {
    return this.first(paths, shortText)?.value ?? null;
  }

  /** The first integer (number or digit string) among the candidates that `fits` (a column's range). */
  integer(paths: readonly string[], fits: (value: number) => boolean = Number.isSafeInteger): number | null {
    return (
      this.first(paths, (raw) => {
        const value = integerOf(raw);
        return value !== undefined && fits(value) ? value : undefined;
      })?.value ?? null
    );
  }

  /** The first readable time among the candidates. */
  time(paths: readonly string[], timeZone: string | undefined): number | undefined {
    return this.first(paths, (value) => timeFromValue(value, timeZone))?.value;
  }

  /** The first message-like field: any non-blank scalar, without trailing line breaks. */
  message(paths: readonly string[]): { value: string; path: string } | undefined {
    return this.first(paths, (value) => {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
      const text = String(value).trimEnd();
      return text.trim() === '' ? undefined : text;
    });
  }
}

function shortText(value: JsonValue): string | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  return text && text.length <= MAX_COLUMN_TEXT ? text : undefined;
}

/** Joins DOMAIN and name as Windows shows accounts ("NT AUTHORITY\SYSTEM"). */
export function accountName(domain: JsonValue | undefined, name: JsonValue | undefined): string | undefined {
  const user = typeof name === 'string' ? name.trim() : '';
  if (user === '') return undefined;
  const realm = typeof domain === 'string' ? domain.trim() : '';
  return realm ? `${realm}\\${user}` : user;
}
