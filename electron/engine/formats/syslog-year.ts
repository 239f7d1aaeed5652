/**
 * RFC 3164 timestamps have no year. The file's modification time supplies it: a log cannot be
 * later than the last time it was written, and its entries run forward in time, so the year is
 * settled at the first entry and advanced when the month jumps back (December → January).
 */
import { wallClockToUtc } from './timestamps';

/**
 * Leeway when comparing entries with the modification time: the file's zone may be unknown (times
 * then read as UTC) and clocks drift, so an entry up to a day "after" the mtime is still accepted.
 */
const SLACK_MS = 36 * 3600_000;

/** A month drop this large between consecutive entries means a new year began (Dec → Jan is 11). */
const NEW_YEAR_MONTH_DROP = 4;

/** Gives yearless entries their year, in file order; one per file. */
export class SyslogYearResolver {
  private year: number | undefined;
  private previousMonth = 0;
  /** The latest wall-clock time an entry can plausibly carry: the mtime in the file's zone, plus slack. */
  private readonly latestWallClock: number;

  constructor(modifiedTime: number, timeZone: string | undefined) {
    // wallClockToUtc(t) - t is minus the zone's offset at about t; adding the offset back gives the
    // mtime as the file's clock showed it.
    const offset = modifiedTime - wallClockToUtc(modifiedTime, timeZone);
    this.latestWallClock = modifiedTime + offset + SLACK_MS;
  }

  /**
   * The wall-clock time (ms, as if UTC) of an entry written `month`/`day` at `timeOfDayMs`, or
   * undefined when that day does not exist in the year it falls in (29 February of a common year).
   */
  resolve(month: number, day: number, timeOfDayMs: number): number | undefined {
    if (this.year === undefined) {
      // The latest year that does not put the first entry after the modification time.
      let year = new Date(this.latestWallClock).getUTCFullYear();
      while (candidate(year, month, day, timeOfDayMs) > this.latestWallClock) year--;
      this.year = year;
    } else if (
      this.previousMonth - month >= NEW_YEAR_MONTH_DROP &&
      candidate(this.year + 1, month, day, timeOfDayMs) <= this.latestWallClock
    ) {
      // Never advance past the modification time: out-of-order files would otherwise drift ahead.
      this.year++;
    }
    this.previousMonth = month;
    if (day > daysInMonth(this.year, month)) return undefined;
    return candidate(this.year, month, day, timeOfDayMs);
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function candidate(year: number, month: number, day: number, timeOfDayMs: number): number {
  return Date.UTC(year, month - 1, day) + timeOfDayMs;
}
