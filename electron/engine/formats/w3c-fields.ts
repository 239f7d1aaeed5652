/**
 * Splitting W3C extended log lines into values: space-separated with optional "quoted" values
 * (the classic form) or comma-separated CSV (Exchange Server's logs).
 */
import { parse as parseCsv } from 'csv-parse/sync';

/** Whether the values of a block are separated by whitespace or by commas. */
export type W3cDelimiter = 'space' | 'comma';

/** The field names of a `#Fields:` directive (the text after the colon) and how values are separated. */
export function parseFieldNames(text: string): { names: string[]; delimiter: W3cDelimiter } {
  // Exchange writes `#Fields: date-time,client-ip,...`; some producers put a space after each comma.
  if (text.includes(',')) {
    return { names: text.split(',').map((name) => name.trim()).filter((name) => name !== ''), delimiter: 'comma' };
  }
  return { names: text.trim().split(/[ \t]+/).filter((name) => name !== ''), delimiter: 'space' };
}

/** An unquoted `-` is W3C's "no value"; a quoted "-" is a real dash. */
function unquotedValue(token: string): string {
  return token === '-' ? '' : token;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * Splits a space-separated data line. Runs of spaces count as one separator (IIS writes two
 * spaces around an empty value in some builds; Oracle Web Cache pads columns). A value that starts
 * with `"` runs to the next `"` not doubled (`""` is a literal quote, as lnav's samples write);
 * a quote that never closes is taken literally, so the line still splits somewhere sensible.
 */
export function splitSpacedValues(line: string): string[] {
  const values: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isBlank(line.charCodeAt(i))) i++;
    if (i >= line.length) break;
    if (line[i] === '"') {
      const quoted = readQuoted(line, i);
      if (quoted) {
        values.push(quoted.value);
        i = quoted.end;
        continue;
      }
    }
    const start = i;
    while (i < line.length && !isBlank(line.charCodeAt(i))) i++;
    values.push(unquotedValue(line.slice(start, i)));
  }
  return values;
}

/** Reads a quoted value starting at `start`; undefined when the quote never closes. */
function readQuoted(line: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = line.indexOf('"', i);
    if (close < 0) return undefined;
    value += line.slice(i, close);
    if (line[close + 1] === '"') {
      value += '"';
      i = close + 2;
      continue;
    }
    i = close + 1;
    break;
  }
  // Text glued to the closing quote (`"abc"def`) belongs to the same value.
  const tailStart = i;
  while (i < line.length && !isBlank(line.charCodeAt(i))) i++;
  return { value: value + line.slice(tailStart, i), end: i };
}

/** The values of a comma-separated line, or `unclosed` when a quoted value continues on the next line. */
export type CommaSplit = { values: string[] } | { unclosed: true };

/**
 * Splits a comma-separated (Exchange) data line with csv-parse: quoted values may hold commas and
 * doubled quotes. Lines without any quote take a plain split, which is the same answer faster.
 */
export function splitCommaValues(text: string): CommaSplit {
  if (!text.includes('"')) return { values: text.split(',').map(unquotedValue) };
  try {
    const records = parseCsv(text, { relax_quotes: true, relax_column_count: true, record_delimiter: ['\n'] }) as string[][];
    return { values: (records[0] ?? []).map(unquotedValue) };
  } catch (error) {
    if (isUnclosedQuote(error)) return { unclosed: true };
    // relax_quotes accepts everything else; keep the plain split as the last resort.
    return { values: text.split(',').map(unquotedValue) };
  }
}

function isUnclosedQuote(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED';
}
