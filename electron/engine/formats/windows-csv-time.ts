/**
 * Date-time cells of Windows text exports. PowerShell writes `[datetime]` values in the exporting
 * machine's culture and local time (`3/14/2025 8:01:17 AM`, `14.03.2025 08:01:17`), JSON-minded
 * tools write `/Date(1741939277000)/`, and NT 4.0's Event Viewer used two-digit years.
 */
import type { ParseOptions } from './format';
import { parseIsoLike, parseLocaleDateTime, wallClockToUtc } from './timestamps';

/** `/Date(ms)/` or `/Date(ms+0100)/`: the number is already UTC; the offset only says where it was written. */
const JSON_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/**
 * The range of a JavaScript Date (±100,000,000 days around 1970). A `/Date(…)/` number beyond it
 * is no time at all: shown or exported it would throw (found by fuzzing: /Date(-8641367290662508)/).
 */
const MAX_DATE_MS = 8.64e15;

/** `3/14/05 8:01 AM` or `14.03.05 08:01`: a two-digit year right at the start. */
const TWO_DIGIT_YEAR = /^(\d{1,2})([/.])(\d{1,2})\2(\d{2})(?=\s|$)/;

/**
 * Reads a date-time cell as ms since the epoch (UTC); undefined when the text is not a date-time.
 * Zone-less times are the exporting machine's wall clock: `options.timeZone` says which zone that was.
 */
export function parseExportDateTime(text: string, options: ParseOptions): number | undefined {
  const trimmed = text.trim();
  const json = JSON_DATE.exec(trimmed);
  if (json) {
    const ms = Number(json[1]);
    return Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
  }
  // An ISO time with its own offset (`ToString('o')`) needs no zone from the user.
  const iso = parseIsoLike(trimmed);
  if (iso?.hasZone && iso.length === trimmed.length) return iso.time;
  const wallClock = parseLocaleDateTime(expandTwoDigitYear(trimmed), options.dayFirst);
  return wallClock === undefined ? undefined : wallClockToUtc(wallClock, options.timeZone);
}

/** Windows' own pivot for two-digit years: 00–29 are 2000s, 30–99 are 1900s. */
function expandTwoDigitYear(text: string): string {
  return text.replace(TWO_DIGIT_YEAR, (_match, a: string, separator: string, b: string, year: string) => {
    const full = Number(year) < 30 ? `20${year}` : `19${year}`;
    return `${a}${separator}${b}${separator}${full}`;
  });
}
