import { describe, expect, it } from 'vitest';
import { formatCompactCount, formatSpan, formatTimeTicks } from './time-labels';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (...parts: [number, number, number, number?, number?, number?, number?]) => Date.UTC(...parts);

describe('formatTimeTicks', () => {
  it('writes hours with the date on the first tick and where a new day starts', () => {
    const splits = [utc(2025, 11, 9, 12), utc(2025, 11, 9, 18), utc(2025, 11, 10, 0), utc(2025, 11, 10, 6)];
    expect(formatTimeTicks(splits, 6 * HOUR)).toEqual(['Dec 9 12:00', '18:00', 'Dec 10', '06:00']);
  });

  it('writes seconds and milliseconds when ticks are that close', () => {
    expect(formatTimeTicks([utc(2025, 0, 1, 8, 30, 15), utc(2025, 0, 1, 8, 30, 20)], 5_000)).toEqual(['Jan 1 08:30:15', '08:30:20']);
    expect(formatTimeTicks([utc(2025, 0, 1, 8, 30, 15, 250), utc(2025, 0, 1, 8, 30, 15, 500)], 250)).toEqual(['08:30:15.250', '08:30:15.500']);
  });

  it('writes days, months and years for long spans', () => {
    expect(formatTimeTicks([utc(2025, 1, 27), utc(2025, 2, 1)], 2 * DAY)).toEqual(['Feb 27, 2025', 'Mar 1']);
    expect(formatTimeTicks([utc(2025, 11, 31), utc(2026, 0, 1)], DAY)).toEqual(['Dec 31, 2025', 'Jan 1, 2026']);
    expect(formatTimeTicks([utc(2024, 10, 1), utc(2024, 11, 1), utc(2025, 0, 1)], 30 * DAY)).toEqual(['Nov 2024', 'Dec', 'Jan 2025']);
    expect(formatTimeTicks([utc(2023, 0, 1), utc(2024, 0, 1)], 365 * DAY)).toEqual(['2023', '2024']);
  });

  it('uses UTC whatever the machine zone', () => {
    // 23:30 UTC is already the next day east of Greenwich; the label must not follow the local zone.
    expect(formatTimeTicks([utc(2025, 5, 30, 23, 30)], 30 * MINUTE)).toEqual(['Jun 30 23:30']);
  });
});

describe('formatSpan', () => {
  it('writes the end date only when it differs', () => {
    expect(formatSpan(utc(2025, 11, 9, 17, 35), utc(2025, 11, 9, 17, 40))).toBe('2025-12-09 17:35 – 17:40');
    expect(formatSpan(utc(2025, 11, 9), utc(2025, 11, 10))).toBe('2025-12-09 00:00 – 2025-12-10 00:00');
  });

  it('adds seconds or milliseconds when either end has them', () => {
    expect(formatSpan(utc(2025, 11, 9, 17, 35, 10), utc(2025, 11, 9, 17, 35, 20))).toBe('2025-12-09 17:35:10 – 17:35:20');
    expect(formatSpan(utc(2025, 11, 9, 17, 35, 10, 5), utc(2025, 11, 9, 17, 35, 10, 10))).toBe('2025-12-09 17:35:10.005 – 17:35:10.010');
  });
});

describe('formatCompactCount', () => {
  it('shortens thousands and millions', () => {
    expect(formatCompactCount(0)).toBe('0');
    expect(formatCompactCount(950)).toBe('950');
    expect(formatCompactCount(1_200)).toBe('1.2k');
    expect(formatCompactCount(15_000)).toBe('15k');
    expect(formatCompactCount(3_400_000)).toBe('3.4M');
  });
});
