import { describe, expect, it } from 'vitest';
import { SyslogYearResolver } from './syslog-year';

const utc = (text: string) => Date.parse(text);
const HOUR = 3600_000;

/** Resolves a sequence of [month, day, hour] entries and returns their ISO strings (or null). */
function resolveAll(modified: string, entries: [number, number, number][], zone?: string): (string | null)[] {
  const resolver = new SyslogYearResolver(utc(modified), zone);
  return entries.map(([month, day, hour]) => {
    const time = resolver.resolve(month, day, hour * HOUR);
    return time === undefined ? null : new Date(time).toISOString();
  });
}

describe('SyslogYearResolver', () => {
  it("takes the modification time's year when the first entry is not later than it", () => {
    expect(resolveAll('2026-11-26T06:00:00Z', [[11, 3, 9]])).toEqual(['2026-11-03T09:00:00.000Z']);
  });

  it('takes the year before when the first entry would be after the modification time', () => {
    expect(resolveAll('2026-03-01T06:00:00Z', [[11, 3, 9]])).toEqual(['2025-11-03T09:00:00.000Z']);
  });

  it('advances the year when the month drops at a year boundary', () => {
    expect(
      resolveAll('2026-01-05T12:00:00Z', [
        [12, 30, 23],
        [12, 31, 23],
        [1, 1, 0],
        [1, 4, 10],
      ]),
    ).toEqual(['2025-12-30T23:00:00.000Z', '2025-12-31T23:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-04T10:00:00.000Z']);
  });

  it('does not take small steps back in time for a new year', () => {
    expect(
      resolveAll('2026-11-26T06:00:00Z', [
        [9, 13, 3],
        [9, 13, 1],
        [8, 30, 5],
      ]),
    ).toEqual(['2026-09-13T03:00:00.000Z', '2026-09-13T01:00:00.000Z', '2026-08-30T05:00:00.000Z']);
  });

  it('never advances past the modification time, even when the month drops', () => {
    // Entries out of order (a merged file): a Dec → Mar jump cannot be next year if the file is older.
    expect(
      resolveAll('2026-11-26T06:00:00Z', [
        [1, 22, 7],
        [12, 18, 17],
        [3, 23, 23],
      ]),
    ).toEqual(['2026-01-22T07:00:00.000Z', '2026-12-18T17:00:00.000Z', '2026-03-23T23:00:00.000Z']);
  });

  it('accepts an entry slightly after the modification time (unknown zone, clock drift)', () => {
    // Written just after midnight local time, east of UTC, with the mtime still on 31 December (UTC).
    expect(resolveAll('2025-12-31T23:30:00Z', [[1, 1, 1]])).toEqual(['2026-01-01T01:00:00.000Z']);
  });

  it('compares with the modification time in the zone the user gave', () => {
    // 2026-03-31T23:30Z is already 1 April 01:30 in Berlin: an entry on 1 April is this year's.
    expect(resolveAll('2026-03-31T23:30:00Z', [[4, 2, 12]], 'Europe/Berlin')).toEqual(['2026-04-02T12:00:00.000Z']);
    expect(resolveAll('2026-03-31T23:30:00Z', [[4, 3, 12]], 'Europe/Berlin')).toEqual(['2025-04-03T12:00:00.000Z']);
  });

  it('returns undefined for 29 February in a common year, and the date in a leap year', () => {
    expect(resolveAll('2026-06-01T00:00:00Z', [[2, 29, 1]])).toEqual([null]);
    expect(resolveAll('2024-06-01T00:00:00Z', [[2, 29, 1]])).toEqual(['2024-02-29T01:00:00.000Z']);
  });
});
