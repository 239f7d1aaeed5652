/**
 * Times as JSON logs write them: ISO strings with or without a zone, epoch numbers in seconds,
 * milliseconds, microseconds or nanoseconds (as numbers or digit strings), .NET `/Date(ms)/`, and
 * MongoDB-style `{"$date": …}`.
 */
import { parseIsoLike, wallClockToUtc } from './timestamps';
import { isJsonObject, type JsonValue } from './json-lines-values';

/** Epoch values outside these years are counters or durations, not times. */
const EARLIEST_PLAUSIBLE = Date.UTC(1971, 0, 1);
const LATEST_PLAUSIBLE = Date.UTC(2200, 0, 1);

const DOTNET_DATE = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/;
const EPOCH_DIGITS = /^\d{9,19}(?:\.\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** RFC 1123 / 2822 dates, read by Date.parse only when they state their zone (else it would use this machine's). */
const RFC_DATE = /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4})$/;

/**
 * Reads a time field as ms since the epoch (UTC). Zone-less wall-clock times are placed in
 * `timeZone` (the user's setting); undefined when the value is not a time.
 */
export function timeFromValue(value: JsonValue | undefined, timeZone: string | undefined): number | undefined {
  if (typeof value === 'number') return epochToMs(value);
  if (typeof value === 'string') return timeFromText(value.trim(), timeZone);
  if (isJsonObject(value)) {
    if (Object.hasOwn(value, '$date')) return timeFromValue(value.$date, timeZone);
    if (Object.hasOwn(value, '$numberLong')) return timeFromValue(value.$numberLong, timeZone);
  }
  return undefined;
}

function timeFromText(text: string, timeZone: string | undefined): number | undefined {
  if (text.length > 64) return undefined;
  const iso = parseIsoLike(text.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3'));
  if (iso) return iso.hasZone ? iso.time : wallClockToUtc(iso.time, timeZone);
  const dotnet = DOTNET_DATE.exec(text);
  // .NET writes UTC milliseconds; the optional offset only says where it was written.
  if (dotnet) return epochToMs(Number(dotnet[1]));
  if (EPOCH_DIGITS.test(text)) return epochToMs(Number(text));
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const [, year, month, day] = dateOnly;
    const wallClock = Date.UTC(+year!, +month! - 1, +day!);
    return new Date(wallClock).getUTCDate() === +day! ? wallClockToUtc(wallClock, timeZone) : undefined;
  }
  if (RFC_DATE.test(text)) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** Decides the unit of an epoch number by its size: today is ~1.7e9 s, 1.7e12 ms, 1.7e15 µs, 1.7e18 ns. */
export function epochToMs(value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  let ms: number;
  if (value < 1e11) ms = value * 1000;
  else if (value < 1e14) ms = value;
  else if (value < 1e17) ms = value / 1000;
  else ms = value / 1e6;
  ms = Math.floor(ms);
  return ms >= EARLIEST_PLAUSIBLE && ms < LATEST_PLAUSIBLE ? ms : undefined;
}
