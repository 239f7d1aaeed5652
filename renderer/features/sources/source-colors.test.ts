import { describe, expect, it } from 'vitest';
import { formatOffset, parseOffset, sourceColor } from './source-colors';

describe('source colours', () => {
  it('gives neighbouring sources different colours and repeats after ten', () => {
    expect(sourceColor(1)).not.toBe(sourceColor(2));
    expect(sourceColor(1)).toBe(sourceColor(11));
    expect(sourceColor(0)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('clock offsets', () => {
  it('reads the forms a user types', () => {
    expect(parseOffset('+2h')).toBe(7_200_000);
    expect(parseOffset('-30m')).toBe(-1_800_000);
    expect(parseOffset('90s')).toBe(90_000);
    expect(parseOffset('1h 30m')).toBe(5_400_000);
    expect(parseOffset('+01:30')).toBe(5_400_000);
    expect(parseOffset('-00:00:07')).toBe(-7_000);
    expect(parseOffset('0')).toBe(0);
    expect(parseOffset('')).toBe(0);
  });

  it('refuses what is not an offset', () => {
    expect(parseOffset('soon')).toBeNull();
    expect(parseOffset('1:75')).toBeNull();
    expect(parseOffset('h')).toBeNull();
  });

  it('writes offsets back in a form it reads', () => {
    for (const ms of [0, 7_200_000, -1_800_000, -7_000, 93_784_000]) expect(parseOffset(formatOffset(ms))).toBe(ms);
    expect(formatOffset(-5_400_000)).toBe('-01:30:00');
  });
});
