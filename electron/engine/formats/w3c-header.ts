/**
 * What the `#` directives of a W3C extended log say about the lines below them: the field names,
 * the producing software (which decides the provider and how entries read), the day of time-only
 * entries and the zone of the times. A new header block may appear anywhere in a file.
 */
import { parseIsoLike } from './timestamps';
import { parseFieldNames, type W3cDelimiter } from './w3c-fields';

/** How entries of a block are summarised and levelled. */
export type W3cKind = 'web' | 'http-error' | 'firewall' | 'exchange-tracking' | 'exchange' | 'generic';

/** The state the directives build up; data lines are read against it. */
export interface W3cHeader {
  software: string | null;
  logType: string | null;
  /** Field names as written (kept for `data`); null until a `#Fields:` directive. */
  fields: string[] | null;
  /** Lower-cased field name → column, for lookups independent of the producer's spelling. */
  columns: Map<string, number>;
  fieldsLine: number;
  delimiter: W3cDelimiter;
  /** UTC midnight of the day named by `#Date:`/`#Start-Date:`, for entries that carry only a time. */
  day: number | null;
  /** `#GMT-Offset: -0800` (Oracle Web Cache): the times are local at that offset. */
  gmtOffset: string | null;
  /** `#Time Format: Local|UTC` (Windows Firewall). */
  timeFormat: 'local' | 'utc' | null;
  provider: string;
  kind: W3cKind;
}

/** A header before any directive was seen. */
export function emptyHeader(): W3cHeader {
  return {
    software: null,
    logType: null,
    fields: null,
    columns: new Map(),
    fieldsLine: 0,
    delimiter: 'space',
    day: null,
    gmtOffset: null,
    timeFormat: null,
    provider: 'W3C',
    kind: 'generic',
  };
}

const DIRECTIVE = /^#([A-Za-z][A-Za-z -]*?)\s*:\s?(.*)$/;

/** Directive names that start W3C files (and the vendor ones seen in Windows and Exchange logs). */
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set([
  'software',
  'version',
  'date',
  'fields',
  'remark',
  'start-date',
  'end-date',
  'log-type',
  'gmt-offset',
  'time format',
]);

/** Splits `#Name: value` into its lower-cased name and value; undefined for other `#` lines. */
export function readDirective(text: string): { name: string; value: string } | undefined {
  const match = DIRECTIVE.exec(text.trim());
  if (!match) return undefined;
  return { name: match[1]!.trim().toLowerCase(), value: match[2]!.trim() };
}

/** Updates the header with one directive line (any line starting with `#`). */
export function applyDirective(header: W3cHeader, text: string, line: number): void {
  const directive = readDirective(text);
  if (!directive) return;
  const { name, value } = directive;
  switch (name) {
    case 'fields': {
      const { names, delimiter } = parseFieldNames(value);
      header.fields = names;
      header.delimiter = delimiter;
      header.fieldsLine = line;
      header.columns = new Map(names.map((field, index) => [field.toLowerCase(), index]));
      break;
    }
    case 'software':
      header.software = value || null;
      break;
    case 'log-type':
      header.logType = value || null;
      break;
    case 'date':
    case 'start-date':
      header.day = parseDirectiveDay(value) ?? header.day;
      break;
    case 'gmt-offset':
      header.gmtOffset = /^[+-]\d{2}:?\d{2}$/.test(value) ? value : null;
      break;
    case 'time format':
      header.timeFormat = /^utc|^gmt/i.test(value) ? 'utc' : /^local/i.test(value) ? 'local' : null;
      break;
    default:
      return;
  }
  header.provider = providerOf(header);
  header.kind = kindOf(header);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The UTC midnight of a directive's date: ISO (`2002-05-02 17:42:15`) or Apache style (`28/Jun/2017 07:28:59`). */
export function parseDirectiveDay(value: string): number | undefined {
  const iso = parseIsoLike(value) ?? parseIsoLike(`${value.slice(0, 10)} 00:00:00`);
  if (iso) {
    const date = new Date(iso.time);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  }
  const apache = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4})/.exec(value);
  const month = apache ? MONTHS.indexOf(apache[2]!.toLowerCase()) : -1;
  if (!apache || month < 0) return undefined;
  return Date.UTC(Number(apache[3]), month, Number(apache[1]));
}

function has(header: W3cHeader, ...names: string[]): boolean {
  return names.every((name) => header.columns.has(name));
}

/** The provider column: the product that wrote the file, in the words admins use for it. */
function providerOf(header: W3cHeader): string {
  const software = header.software ?? '';
  if (/exchange/i.test(software)) {
    // "Message Tracking Log" → "MSExchange Message Tracking", as the Exchange event sources read.
    return header.logType ? `MSExchange ${header.logType.replace(/\s+log$/i, '')}` : 'MSExchange';
  }
  if (/firewall/i.test(software)) return 'Windows Firewall';
  if (/HTTP Server API/i.test(software) || has(header, 's-reason', 's-queuename')) return 'HTTP.sys';
  if (/Internet Information Serv|\bIIS\b/i.test(software)) return 'IIS';
  if (!header.software && has(header, 'action', 'src-ip', 'dst-ip')) return 'Windows Firewall';
  return header.software ?? 'W3C';
}

function kindOf(header: W3cHeader): W3cKind {
  if (header.provider === 'Windows Firewall' && has(header, 'action')) return 'firewall';
  if (has(header, 'event-id', 'recipient-address')) return 'exchange-tracking';
  if (header.provider.startsWith('MSExchange')) return 'exchange';
  if (has(header, 's-reason')) return 'http-error';
  if (['sc-status', 'cs-method', 'cs-uri-stem', 'cs-uri'].some((name) => header.columns.has(name))) return 'web';
  return 'generic';
}
