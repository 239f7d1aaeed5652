/**
 * Text for times on the timeline, always in UTC (the grid shows UTC too): axis ticks whose
 * precision follows the tick spacing, bucket and range spans, compact counts.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function dayKey(date: Date): number {
  return Math.floor(date.getTime() / DAY);
}

function monthDay(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

function clock(date: Date, unit: 'minute' | 'second' | 'millisecond'): string {
  const hm = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  if (unit === 'minute') return hm;
  const hms = `${hm}:${pad(date.getUTCSeconds())}`;
  return unit === 'second' ? hms : `${hms}.${pad(date.getUTCMilliseconds(), 3)}`;
}

/**
 * Labels for the x axis ticks at `splits` (ms) spaced `incrementMs` apart: years, months, days, or
 * clock times as fine as the spacing needs. The date is added where a tick starts a new day and on
 * the first tick (the year on the first day tick and where a year starts), so a reader always knows
 * which day it is.
 */
export function formatTimeTicks(splits: readonly number[], incrementMs: number): string[] {
  let previous: Date | null = null;
  return splits.map((split, i) => {
    const date = new Date(split);
    const newYear = previous === null || previous.getUTCFullYear() !== date.getUTCFullYear();
    const newDay = previous !== null && dayKey(previous) !== dayKey(date);
    previous = date;
    if (incrementMs >= 360 * DAY) return String(date.getUTCFullYear());
    if (incrementMs >= 28 * DAY) return newYear ? `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}` : `${MONTHS[date.getUTCMonth()]}`;
    if (incrementMs >= DAY) return newYear ? `${monthDay(date)}, ${date.getUTCFullYear()}` : monthDay(date);
    const unit = incrementMs >= MINUTE ? 'minute' : incrementMs >= SECOND ? 'second' : 'millisecond';
    const time = clock(date, unit);
    const midnight = date.getTime() % DAY === 0;
    if (newDay) return midnight ? monthDay(date) : `${monthDay(date)} ${time}`;
    // Milliseconds leave no room for a date; the tooltip and the range label carry it.
    if (i === 0 && unit !== 'millisecond') return `${monthDay(date)} ${time}`;
    return time;
  });
}

/** `2025-12-09`. */
function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * A span such as a bucket or the selected range, end exclusive: `2025-12-09 17:35 – 17:40`, the
 * end's date written only when it differs, seconds or milliseconds only when either end has them.
 */
export function formatSpan(from: number, to: number): string {
  const unit = from % SECOND !== 0 || to % SECOND !== 0 ? 'millisecond' : from % MINUTE !== 0 || to % MINUTE !== 0 ? 'second' : 'minute';
  const start = new Date(from);
  const end = new Date(to);
  const endText = isoDate(start) === isoDate(end) ? clock(end, unit) : `${isoDate(end)} ${clock(end, unit)}`;
  return `${isoDate(start)} ${clock(start, unit)} – ${endText}`;
}

/** Counts for the y axis: `950`, `1.2k`, `15k`, `3.4M`. */
export function formatCompactCount(n: number): string {
  const abs = Math.abs(n);
  const scaled = (value: number, suffix: string) => `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10}${suffix}`;
  if (abs >= 1e9) return scaled(n / 1e9, 'G');
  if (abs >= 1e6) return scaled(n / 1e6, 'M');
  if (abs >= 1e3) return scaled(n / 1e3, 'k');
  return String(Math.round(n));
}
