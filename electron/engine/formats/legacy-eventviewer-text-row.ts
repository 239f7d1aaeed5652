/**
 * One row of a Windows NT/2000/XP/2003 Event Viewer text export: Date, Time, Source, Type,
 * Category, Event, User, Computer, Description. The description is last and, in real exports,
 * unquoted: it may hold the delimiter and line breaks, so only the first eight fields are split and
 * everything after the eighth delimiter is the description.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { Severity } from '../../../shared/model/severity';
import { severityFromWord } from '../../../shared/model/severity';
import type { ParseOptions } from './format';
import { eventIdFromText } from './event-numbers';
import { type Delimiter, FieldScanner, splitDelimitedLine } from './windows-csv-records';
import { parseExportDateTime } from './windows-csv-time';

/** The header row some exports (and users) put first, lower-cased. */
export const LEGACY_HEADER: readonly string[] = ['date', 'time', 'source', 'type', 'category', 'event', 'user', 'computer', 'description'];

/** Fields before the description. */
const LEADING_FIELDS = 8;

// English words come from the shared model ("Success Audit", "Failure Audit" included); these are
// the German Event Viewer's words, the most common non-English exports seen by Exchange admins.
const LOCAL_TYPE_WORDS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['fehler', 'error'],
  ['warnung', 'warning'],
  ['informationen', 'information'],
  ['erfolgsüberwachung', 'audit-success'],
  ['fehlerüberwachung', 'audit-failure'],
]);

/** The severity of an event type word; undefined when the word is not one. */
export function legacyType(word: string): Severity | undefined {
  return severityFromWord(word) ?? LOCAL_TYPE_WORDS.get(word.trim().toLowerCase());
}

/** The delimiter of a file: whichever of tab and comma comes first in its first line. */
export function legacyDelimiter(line: string): Delimiter {
  const tab = line.indexOf('\t');
  const comma = line.indexOf(',');
  return tab >= 0 && (comma < 0 || tab < comma) ? '\t' : ',';
}

/** True for the header row `Date,Time,Source,Type,Category,Event,User,Computer,Description`. */
export function isLegacyHeader(line: string, delimiter: Delimiter): boolean {
  const names = splitDelimitedLine(line, delimiter).map((name) => name.trim().toLowerCase());
  return names.length === LEGACY_HEADER.length && LEGACY_HEADER.every((name, i) => names[i] === name);
}

const DATE_CELL = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;
const TIME_CELL = /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?$/;

/**
 * True when a line starts a new row: a date and a time as its first two fields. Any other line
 * continues the description above (real exports write its line breaks as they are).
 */
export function startsRow(line: string, delimiter: Delimiter): boolean {
  const [date, time] = splitLeading(line, delimiter, 2).fields;
  return date !== undefined && time !== undefined && DATE_CELL.test(date.trim()) && TIME_CELL.test(time.trim());
}

/**
 * The stricter test detection uses: a row start whose date and time parse, with a known type word,
 * a numeric event ID and all eight leading fields on the line.
 */
export function isTypicalRow(line: string, delimiter: Delimiter): boolean {
  const { fields } = splitLeading(line, delimiter, LEADING_FIELDS);
  if (fields.length < LEADING_FIELDS || !startsRow(line, delimiter)) return false;
  const [date, time, , type, , event] = fields as [string, string, string, string, string, string];
  return (
    parseExportDateTime(`${date.trim()} ${time.trim()}`, {}) !== undefined &&
    legacyType(type) !== undefined &&
    /^\d+$/.test(event.trim())
  );
}

/**
 * Splits the first `count` fields (quotes honoured) and returns the text after the count-th
 * delimiter untouched, or undefined when the row has no more delimiters than that.
 */
export function splitLeading(text: string, delimiter: Delimiter, count: number): { fields: string[]; rest: string | undefined } {
  const fields: string[] = [];
  let start = 0;
  while (fields.length < count) {
    const end = fieldEnd(text, start, delimiter);
    const scanner = new FieldScanner(delimiter);
    scanner.scan(text.slice(start, end), false);
    fields.push(scanner.take()[0] ?? '');
    if (end >= text.length) return { fields, rest: undefined };
    start = end + 1;
  }
  return { fields, rest: text.slice(start) };
}

/** Where the field starting at `start` ends: the next delimiter outside quotes, or the end. */
function fieldEnd(text: string, start: number, delimiter: Delimiter): number {
  let inQuotes = text[start] === '"';
  for (let i = inQuotes ? start + 1 : start; i < text.length; i++) {
    const c = text[i];
    if (!inQuotes) {
      if (c === delimiter) return i;
    } else if (c === '"') {
      if (text[i + 1] === '"') i++;
      else inQuotes = false;
    }
  }
  return text.length;
}

/** A description some tool (a spreadsheet re-save) wrapped in quotes, unwrapped; other text as is. */
function unquoteDescription(text: string): string {
  const trimmed = text.trim();
  const quoted = /^"((?:[^"]|"")*)"$/s.exec(trimmed);
  return quoted ? quoted[1]!.replace(/""/g, '"') : trimmed;
}

/** Maps a row (its lines joined with '\n') to an event, or returns why it cannot be read. */
export function legacyRowToEvent(raw: string, line: number, delimiter: Delimiter, options: ParseOptions): ParsedEvent | string {
  const { fields, rest } = splitLeading(raw, delimiter, LEADING_FIELDS);
  if (fields.length < LEADING_FIELDS) {
    return `expected 9 fields (Date, Time, Source, Type, Category, Event, User, Computer, Description), found ${fields.length}`;
  }
  const [date, time, source, type, category, event, user, computer] = fields.map((field) => field.trim()) as [
    string, string, string, string, string, string, string, string,
  ];
  const when = parseExportDateTime(`${date} ${time}`, options);
  if (when === undefined) return `unreadable date and time "${date} ${time}"`;
  return {
    time: when,
    // An unknown word (a language not listed) still leaves a readable event; the word stays in raw.
    level: legacyType(type) ?? 'unknown',
    provider: source || null,
    eventId: eventIdFromText(event),
    category: category || null,
    computer: computer || null,
    // Event Viewer writes N/A when the event carries no user SID.
    user: user === '' || user.toUpperCase() === 'N/A' ? null : user,
    channel: null,
    recordId: null,
    message: rest === undefined ? '' : unquoteDescription(rest),
    data: null,
    raw,
    line,
  };
}
