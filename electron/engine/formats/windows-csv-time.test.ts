import { describe, expect, it } from 'vitest';
import { parseExportDateTime } from './windows-csv-time';

describe('parseExportDateTime', () => {
  it('reads /Date(ms)/ as UTC milliseconds', () => {
    expect(parseExportDateTime('/Date(1741939277000)/', {})).toBe(1741939277000);
    expect(parseExportDateTime('/Date(1741939277000+0100)/', {})).toBe(1741939277000);
  });

  it('refuses a /Date(…)/ beyond what a Date can hold (found by fuzzing: exporting it threw)', () => {
    expect(parseExportDateTime('/Date(-8641367290662508)/', {})).toBeUndefined();
    expect(parseExportDateTime('/Date(99999999999999999999)/', {})).toBeUndefined();
    expect(parseExportDateTime('/Date(-8640000000000000)/', {})).toBe(-8.64e15);
  });
});
