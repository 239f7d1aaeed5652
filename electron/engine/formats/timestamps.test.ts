import { describe, expect, it } from 'vitest';
import { inferDayFirst, isKnownZone, parseIsoLike, parseLocaleDateTime, wallClockToUtc } from './timestamps';

const utc = (text: string) => Date.parse(text);

describe('parseIsoLike', () => {
  it('reads ISO 8601 with zone, fraction or comma', () => {
    expect(parseIsoLike('2025-12-09T17:37:32.123Z rest')).toEqual({ time: utc('2025-12-09T17:37:32.123Z'), length: 24, hasZone: true });
    expect(parseIsoLike('2015-04-24T21:08:10.313913+00:00 err')?.time).toBe(utc('2015-04-24T21:08:10.313Z'));
    expect(parseIsoLike('2009-07-20 22:59:27,672:DEBUG')?.time).toBe(utc('2009-07-20T22:59:27.672Z'));
    expect(parseIsoLike('2025-01-01 10:00:00 +0130')?.time).toBe(utc('2025-01-01T08:30:00Z'));
  });

  it('refuses impossible dates', () => {
    expect(parseIsoLike('2025-02-31 10:00:00')).toBeUndefined();
    expect(parseIsoLike('2025-13-01 10:00:00')).toBeUndefined();
    expect(parseIsoLike('not a date')).toBeUndefined();
  });
});

describe('parseLocaleDateTime', () => {
  it('reads the US Event Viewer shape with AM/PM', () => {
    expect(parseLocaleDateTime('12/9/2025 5:37:32 PM')).toBe(utc('2025-12-09T17:37:32Z'));
    expect(parseLocaleDateTime('1/22/2024 12:04:30 AM')).toBe(utc('2024-01-22T00:04:30Z'));
    expect(parseLocaleDateTime('1/22/2024 12:04:30 PM')).toBe(utc('2024-01-22T12:04:30Z'));
  });

  it('reads the shapes other Event Viewer languages write', () => {
    expect(parseLocaleDateTime('9-12-2025 17:37:32', true)).toBe(utc('2025-12-09T17:37:32Z'));
    expect(parseLocaleDateTime('2025/12/09 17:37:32')).toBe(utc('2025-12-09T17:37:32Z'));
    expect(parseLocaleDateTime('09/12/2025 5:37:32 p. m.', true)).toBe(utc('2025-12-09T17:37:32Z'));
    expect(parseLocaleDateTime('09/12/2025 12:05:00 a. m.', true)).toBe(utc('2025-12-09T00:05:00Z'));
  });

  it('infers day-first order from the dates a file holds', () => {
    expect(inferDayFirst(['1/2/2025 10:00:00', '25/12/2025 10:00:00'])).toBe(true);
    expect(inferDayFirst(['1/2/2025 10:00:00', '12/25/2025 10:00:00'])).toBe(false);
    expect(inferDayFirst(['1/2/2025 10:00:00'])).toBeUndefined();
  });

  it('reads day-first and dotted shapes', () => {
    expect(parseLocaleDateTime('25/12/2025 17:00:00')).toBe(utc('2025-12-25T17:00:00Z'));
    expect(parseLocaleDateTime('09/12/2025 17:00:00', true)).toBe(utc('2025-12-09T17:00:00Z'));
    expect(parseLocaleDateTime('09.12.2025 17:37:32')).toBe(utc('2025-12-09T17:37:32Z'));
  });
});

describe('wallClockToUtc', () => {
  it('applies fixed offsets and IANA zones with daylight saving', () => {
    const wall = utc('2025-07-01T12:00:00Z');
    expect(wallClockToUtc(wall, '+02:00')).toBe(utc('2025-07-01T10:00:00Z'));
    expect(wallClockToUtc(wall, '-0530')).toBe(utc('2025-07-01T17:30:00Z'));
    expect(wallClockToUtc(wall, 'Europe/Berlin')).toBe(utc('2025-07-01T10:00:00Z'));
    expect(wallClockToUtc(utc('2025-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(utc('2025-01-15T11:00:00Z'));
    expect(wallClockToUtc(utc('2025-01-15T12:00:00Z'), 'America/New_York')).toBe(utc('2025-01-15T17:00:00Z'));
  });

  it('leaves times alone for UTC, no zone, or a zone it does not know', () => {
    const wall = utc('2025-07-01T12:00:00Z');
    expect(wallClockToUtc(wall, undefined)).toBe(wall);
    expect(wallClockToUtc(wall, 'UTC')).toBe(wall);
    expect(wallClockToUtc(wall, 'Mars/Olympus')).toBe(wall);
    expect(isKnownZone('Mars/Olympus')).toBe(false);
    expect(isKnownZone('Asia/Tokyo')).toBe(true);
  });
});
