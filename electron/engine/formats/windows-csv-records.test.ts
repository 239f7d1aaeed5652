import { describe, expect, it } from 'vitest';
import { isBlankLine } from './lines';
import { DelimitedRecordReader, splitDelimitedLine, type DelimitedRecord } from './windows-csv-records';
import { parseExportDateTime } from './windows-csv-time';

function records(lines: string[], reader = new DelimitedRecordReader(',')): DelimitedRecord[] {
  const out: DelimitedRecord[] = [];
  lines.forEach((text, i) => {
    const record = reader.push(text, i + 1);
    if (record) out.push(record);
  });
  const last = reader.end();
  if (last) out.push(last);
  return out;
}

describe('splitDelimitedLine', () => {
  it('splits quoted and unquoted fields, with doubled quotes inside quotes', () => {
    expect(splitDelimitedLine('"a","b ""c""",d,', ',')).toEqual(['a', 'b "c"', 'd', '']);
    expect(splitDelimitedLine('x\ty\t"z\tw"', '\t')).toEqual(['x', 'y', 'z\tw']);
    expect(splitDelimitedLine('"a";"b,c"', ';')).toEqual(['a', 'b,c']);
  });

  it('keeps misplaced quotes as text instead of failing', () => {
    expect(splitDelimitedLine('say "hi",b', ',')).toEqual(['say "hi"', 'b']);
    expect(splitDelimitedLine('"a"b,c', ',')).toEqual(['ab', 'c']);
    expect(splitDelimitedLine('"never closed,x', ',')).toEqual(['never closed,x']);
  });
});

describe('DelimitedRecordReader', () => {
  it('joins the lines of a quoted field with line breaks and numbers the record by its first line', () => {
    const out = records(['"1","first', '', 'third line"', '"2","b"']);
    expect(out).toEqual([
      { fields: ['1', 'first\n\nthird line'], raw: '"1","first\n\nthird line"', line: 1, complete: true },
      { fields: ['2', 'b'], raw: '"2","b"', line: 4, complete: true },
    ]);
  });

  it('drops blank lines between records', () => {
    expect(records(['a,b', '  ', '', 'c,d']).map((r) => [r.line, r.raw])).toEqual([
      [1, 'a,b'],
      [4, 'c,d'],
    ]);
  });

  it('gives up an unterminated quote at the end of input or at the line limit', () => {
    expect(records(['"a","open', 'more'])).toEqual([{ fields: ['a', 'open\nmore'], raw: '"a","open\nmore', line: 1, complete: false }]);
    const limited = records(['"open', 'x', 'y', 'z,w'], new DelimitedRecordReader(',', { maxLines: 2, maxChars: 1000 }));
    expect(limited.map((r) => [r.raw, r.complete])).toEqual([
      ['"open\nx', false],
      ['y', true],
      ['z,w', true],
    ]);
  });
});

describe('isBlankLine', () => {
  it('matches what line accounting does not count', () => {
    expect(isBlankLine(' \t\uFEFF')).toBe(true);
    expect(isBlankLine('\u00a0')).toBe(false);
    expect(isBlankLine('x')).toBe(false);
  });
});

describe('parseExportDateTime', () => {
  const utc = (text: string) => Date.parse(text);

  it('reads the US culture shape as wall clock, then applies the zone', () => {
    expect(parseExportDateTime('3/14/2025 8:01:17 AM', {})).toBe(utc('2025-03-14T08:01:17Z'));
    expect(parseExportDateTime('3/14/2025 8:01:17 PM', { timeZone: '+01:00' })).toBe(utc('2025-03-14T19:01:17Z'));
    expect(parseExportDateTime('09/03/2025 17:00:00', { dayFirst: true })).toBe(utc('2025-03-09T17:00:00Z'));
    expect(parseExportDateTime('14.03.2025 08:01:17', {})).toBe(utc('2025-03-14T08:01:17Z'));
  });

  it('reads /Date(ms)/ and zoned ISO times as UTC whatever the zone option says', () => {
    expect(parseExportDateTime('/Date(1741939277000)/', { timeZone: 'Europe/Berlin' })).toBe(1741939277000);
    expect(parseExportDateTime('/Date(1741939277000+0100)/', {})).toBe(1741939277000);
    expect(parseExportDateTime('2025-03-14T08:01:17.1234567+01:00', { timeZone: '-05:00' })).toBe(utc('2025-03-14T07:01:17.123Z'));
  });

  it('expands two-digit years with the Windows pivot and refuses non-dates', () => {
    expect(parseExportDateTime('3/14/05 8:01:17 AM', {})).toBe(utc('2005-03-14T08:01:17Z'));
    expect(parseExportDateTime('3/14/97 8:01:17 AM', {})).toBe(utc('1997-03-14T08:01:17Z'));
    expect(parseExportDateTime('yesterday', {})).toBeUndefined();
    expect(parseExportDateTime('13/45/2025 8:00:00', {})).toBeUndefined();
  });
});
