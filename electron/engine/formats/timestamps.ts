/**
 * Date and time shapes shared by the text formats. Times without a zone are read as written and
 * stored as if UTC ("wall clock"), so that what the grid shows is what the file says.
 */

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:\s?(Z|[+-]\d{2}(?::?\d{2})?))?/;

/** Parses `2025-12-09T17:37:32.123Z`, `2025-12-09 17:37:32,123 +0100` and the like at the start of `text`. */
export function parseIsoLike(text: string): { time: number; length: number; hasZone: boolean } | undefined {
  const match = ISO_LIKE.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const time = buildUtc(+y!, +mo!, +d!, +h!, +mi!, +s!, fraction);
  if (time === undefined) return undefined;
  return { time: time - zoneOffsetMs(zone), length: match[0].length, hasZone: zone !== undefined };
}

const DAY_MONTH_YEAR =
  /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?\s?[Mm]\.?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Parses the date-time field of an Event Viewer export as the exporting locale wrote it:
 * `12/9/2025 5:37:32 PM` (US, month first), `09/12/2025 17:37:32` or `9-12-2025 17:37:32` (day
 * first when told, or when the first number cannot be a month), `09.12.2025 17:37:32` (German and
 * others), `2025/12/09 17:37:32` (Japanese), `a. m.`/`p. m.` (Spanish), or an ISO-like form.
 */
export function parseLocaleDateTime(text: string, dayFirst = false): number | undefined {
  const trimmed = text.trim();
  const iso = parseIsoLike(trimmed);
  if (iso) return iso.time;
  const slashed = DAY_MONTH_YEAR.exec(trimmed);
  if (slashed) {
    const [, a, b, y, h, mi, s, meridiem] = slashed;
    let month = +a!;
    let day = +b!;
    if (dayFirst || month > 12) [month, day] = [day, month];
    return buildUtc(+y!, month, day, to24Hour(+h!, meridiem), +mi!, +(s ?? 0));
  }
  const dotted = DOTTED.exec(trimmed);
  if (dotted) {
    const [, d, mo, y, h, mi, s] = dotted;
    return buildUtc(+y!, +mo!, +d!, +h!, +mi!, +(s ?? 0));
  }
  const yearFirst = YEAR_FIRST.exec(trimmed);
  if (yearFirst) {
    const [, y, mo, d, h, mi, s] = yearFirst;
    return buildUtc(+y!, +mo!, +d!, +h!, +mi!, +(s ?? 0));
  }
  return undefined;
}

/**
 * Decides from a sample of date fields whether `NN/NN/YYYY` dates are day first: true or false
 * when some date settles it (a first number above 12, or a second one), undefined when none does.
 */
export function inferDayFirst(dates: readonly string[]): boolean | undefined {
  for (const date of dates) {
    const match = /^\s*(\d{1,2})[/-](\d{1,2})[/-]\d{4}/.exec(date);
    if (!match) continue;
    if (+match[1]! > 12) return true;
    if (+match[2]! > 12) return false;
  }
  return undefined;
}

function to24Hour(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase() === 'p';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function buildUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction?: string,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  // Reject dates that do not exist (31 April, 29 February 2025) rather than let them roll over.
  if (day > daysInMonth(year, month)) return undefined;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * Converts a wall-clock time read from a file (stored as if UTC) to real UTC, given the zone the
 * file was written in: 'UTC', a fixed offset ('+01:00', '-0530') or an IANA name
 * ('Europe/Berlin'; daylight saving is taken into account). Unknown zones leave the time as is.
 */
export function wallClockToUtc(wallClock: number, zone: string | undefined): number {
  if (!zone || zone === 'UTC' || zone === 'Z') return wallClock;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    return wallClock - (fixed[1] === '-' ? -minutes : minutes) * 60_000;
  }
  const offsetAt = zoneOffsetFinder(zone);
  if (!offsetAt) return wallClock;
  // The offset depends on the instant; two rounds settle it except inside a DST gap.
  let utc = wallClock - offsetAt(wallClock);
  utc = wallClock - offsetAt(utc);
  return utc;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

/** Returns a function giving the zone's UTC offset (ms) at an instant, or undefined for an unknown zone. */
function zoneOffsetFinder(zone: string): ((instant: number) => number) | undefined {
  let formatter = zoneFormatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    zoneFormatters.set(zone, formatter);
  }
  if (!formatter) return undefined;
  const format = formatter;
  return (instant) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
}

/** True when `zone` is something wallClockToUtc understands. */
export function isKnownZone(zone: string): boolean {
  return zone === 'UTC' || /^[+-]\d{2}:?\d{2}$/.test(zone) || zoneOffsetFinder(zone) !== undefined;
}
