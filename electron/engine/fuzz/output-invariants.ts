/**
 * What every parser's output must satisfy whatever the input: entries the store can load (spool
 * fields DuckDB accepts for their column types, UTF-8 it can read), times a Date can show, and
 * the fields' declared types. Each problem is named by a stable code so that the same bug found
 * twice is recognised.
 */
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { SEVERITIES } from '../../../shared/model/severity';
import { eventToJson, unparsedToJson } from '../export/entry-json';
import type { IngestItem } from '../ingest/ingest-item';
import { SPOOL_COLUMNS, SPOOL_QUOTE, spoolLine } from '../ingest/spool';

export interface Violation {
  code: string;
  message: string;
}

/** The range of a JavaScript Date: a time beyond it cannot be shown or exported. */
const MAX_DATE_MS = 8.64e15;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const BIGINT_MAX = (1n << 63n) - 1n;
const SEVERITY_NAMES: ReadonlySet<string> = new Set(SEVERITIES);

/** Shows a value in a message without flooding it. */
export function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Problems with one event's fields; `lineRange` is where `line` may lie. */
export function eventViolations(event: ParsedEvent, lineRange: { min: number; max: number }): Violation[] {
  const found: Violation[] = [];
  const add = (code: string, message: string): number => found.push({ code, message });
  if (event.time !== null && !(Number.isFinite(event.time) && Math.abs(event.time) <= MAX_DATE_MS)) {
    add('time-out-of-range', `time ${preview(event.time)} is not a time a Date can hold`);
  }
  if (!SEVERITY_NAMES.has(event.level)) add('bad-level', `level ${preview(event.level)}`);
  for (const field of ['provider', 'category', 'computer', 'user', 'channel'] as const) {
    const value = event[field];
    if (value !== null && typeof value !== 'string') add('bad-field-type', `${field} is ${preview(value)}`);
  }
  if (event.eventId !== null && !(typeof event.eventId === 'number' && isIntegerIn(event.eventId, INT32_MIN, INT32_MAX))) {
    add('event-id-out-of-range', `eventId ${preview(event.eventId)} does not fit the store's INTEGER column`);
  }
  if (event.recordId !== null && !(typeof event.recordId === 'number' && Number.isInteger(event.recordId) && Math.abs(event.recordId) < 2 ** 63)) {
    add('record-id-out-of-range', `recordId ${preview(event.recordId)} is not an integer the store's BIGINT column holds`);
  }
  if (typeof event.message !== 'string') add('bad-field-type', `message is ${preview(event.message)}`);
  if (typeof event.raw !== 'string') add('bad-field-type', `raw is ${preview(event.raw)}`);
  if (!isIntegerIn(event.line, lineRange.min, lineRange.max)) {
    add('line-out-of-range', `line ${preview(event.line)} outside ${lineRange.min}..${lineRange.max}`);
  }
  const data = event.data;
  if (data !== null) {
    const values = Array.isArray(data) ? data : typeof data === 'object' ? Object.values(data) : [data];
    if (values.some((value) => typeof value !== 'string')) add('bad-data-type', `data holds a value that is not a string: ${preview(JSON.stringify(data))}`);
  }
  return found;
}

/**
 * What JavaScript says when code goes wrong (not when input is bad). Parsers catch the unforeseen
 * as a last resort and make it an unparsed row's reason or a damage report; such a reason means a
 * bug the safety net hid, and is a finding.
 */
const ENGINE_ERROR = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|outside the bounds|Invalid (array|string|typed array) length|Invalid time value|Invalid code point|(undefined|null) is not|out of memory|Reduce of empty array/i;

/** A reason that reports an exception a parser's safety net caught, or undefined. */
export function hiddenException(reason: string): Violation | undefined {
  return ENGINE_ERROR.test(reason) ? { code: `hidden-exception: ${reason.replace(/\d+/g, 'N').slice(0, 60)}`, message: reason.slice(0, 300) } : undefined;
}

/** Problems with one unparsed row. */
export function unparsedViolations(row: UnparsedRow, lineRange: { min: number; max: number }): Violation[] {
  const found: Violation[] = [];
  if (typeof row.raw !== 'string') found.push({ code: 'bad-field-type', message: `unparsed raw is ${preview(row.raw)}` });
  if (typeof row.reason !== 'string' || row.reason.trim() === '') found.push({ code: 'unparsed-without-reason', message: `reason ${preview(row.reason)}` });
  const hidden = typeof row.reason === 'string' ? hiddenException(row.reason) : undefined;
  if (hidden) found.push(hidden);
  if (!isIntegerIn(row.line, lineRange.min, lineRange.max)) {
    found.push({ code: 'line-out-of-range', message: `unparsed line ${preview(row.line)} outside ${lineRange.min}..${lineRange.max}` });
  }
  return found;
}

/**
 * Splits a spool line into its fields as DuckDB's reader does: tab-separated, U+0001 quotes with
 * doubled quotes inside. Undefined when a quote is left open or a line break is not quoted (the
 * row would swallow or split into the next). Slices, not characters: entries can be megabytes.
 */
export function splitSpoolLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line[at] === SPOOL_QUOTE) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf(SPOOL_QUOTE, from);
        if (quote < 0) return undefined;
        value += line.slice(from, quote);
        if (line[quote + 1] !== SPOOL_QUOTE) {
          at = quote + 1;
          break;
        }
        value += SPOOL_QUOTE;
        from = quote + 2;
      }
      fields.push(value);
      if (at === line.length) return fields;
      if (line[at] !== '\t') return undefined;
      at++;
      continue;
    }
    const tab = line.indexOf('\t', at);
    const value = line.slice(at, tab < 0 ? line.length : tab);
    if (/[\r\n]/.test(value)) return undefined;
    fields.push(value);
    if (tab < 0) return fields;
    at = tab + 1;
  }
}

const COLUMN_TYPES = Object.values(SPOOL_COLUMNS);
const INTEGER_BOUNDS: Readonly<Record<string, readonly [bigint, bigint]>> = {
  BIGINT: [-BIGINT_MAX - 1n, BIGINT_MAX],
  INTEGER: [BigInt(INT32_MIN), BigInt(INT32_MAX)],
  UTINYINT: [0n, 255n],
};

/** Problems the store would have loading this entry: what its spool line holds, column by column. */
export function spoolViolations(item: IngestItem): Violation[] {
  let line: string;
  try {
    line = spoolLine(item, 0);
  } catch (error) {
    return [{ code: 'spool-line-throws', message: error instanceof Error ? error.message : String(error) }];
  }
  if (!line.isWellFormed()) return [{ code: 'spool-not-utf8', message: 'spool line holds a lone surrogate (DuckDB rejects the file)' }];
  const fields = splitSpoolLine(line);
  if (!fields || fields.length !== COLUMN_TYPES.length) {
    return [{ code: 'spool-bad-row', message: `spool line splits into ${fields?.length ?? 'an unterminated'} fields, not ${COLUMN_TYPES.length}` }];
  }
  const found: Violation[] = [];
  fields.forEach((value, i) => {
    const type = COLUMN_TYPES[i]!;
    const bounds = INTEGER_BOUNDS[type];
    if (!bounds || value === '\\N') return;
    const ok = /^-?\d+$/.test(value) && BigInt(value) >= bounds[0] && BigInt(value) <= bounds[1];
    if (!ok) found.push({ code: 'spool-bad-number', message: `column ${Object.keys(SPOOL_COLUMNS)[i]} (${type}) gets ${preview(value)}` });
  });
  return found;
}

/** Problems turning the entry into the JSON `logsift parse --jsonl` and exports print. */
export function jsonViolations(item: IngestItem): Violation[] {
  try {
    JSON.stringify(item.kind === 'event' ? eventToJson(item.event, 'file', 'format') : unparsedToJson(item.row, 'file', 'format'));
    return [];
  } catch (error) {
    return [{ code: 'json-export-throws', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }];
  }
}

/** Every output check for one entry. */
export function itemViolations(item: IngestItem, lineRange: { min: number; max: number }): Violation[] {
  const own = item.kind === 'event' ? eventViolations(item.event, lineRange) : unparsedViolations(item.row, lineRange);
  // The store and export checks are a safety net for what the field checks do not name: an entry
  // that already broke one has its finding (and a badly typed one would make them throw).
  if (own.length > 0) return own;
  return [...spoolViolations(item), ...jsonViolations(item)];
}
