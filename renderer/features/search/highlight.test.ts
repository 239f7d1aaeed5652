import { describe, expect, it } from 'vitest';
import { highlightRanges, highlightSegments, mergeRanges } from './highlight';

describe('highlightRanges', () => {
  it('finds every match of every pattern, case as the pattern says', () => {
    expect(highlightRanges('Connection reset; connection RESET', [/connection/i, /reset/])).toEqual([
      { start: 0, end: 10 },
      { start: 11, end: 16 },
      { start: 18, end: 28 },
    ]);
  });

  it('merges overlapping matches of different patterns', () => {
    expect(highlightRanges('abcdef', [/abc/, /bcd/, /ef/])).toEqual([{ start: 0, end: 6 }]);
  });

  it('ignores empty matches instead of looping', () => {
    expect(highlightRanges('aaa', [/x*/, /b?/])).toEqual([]);
    expect(highlightRanges('a1b', [/\d*/])).toEqual([{ start: 1, end: 2 }]);
  });

  it('works with global and sticky patterns without sharing their state', () => {
    const global = /a/g;
    global.lastIndex = 2;
    expect(highlightRanges('a-a', [global, /-/y])).toEqual([{ start: 0, end: 3 }]);
    expect(global.lastIndex).toBe(2);
  });

  it('searches only the start of a long text and caps the number of marks', () => {
    const text = 'e '.repeat(5_000_000);
    const ranges = highlightRanges(text, [/e/]);
    expect(ranges).toHaveLength(200);
    expect(highlightRanges(`${'x'.repeat(5_000)}needle`, [/needle/])).toEqual([]);
    expect(highlightRanges('a a a a', [/a/], { maxMarks: 2 })).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 3 },
    ]);
  });

  it('has nothing to mark without patterns or text', () => {
    expect(highlightRanges('text', [])).toEqual([]);
    expect(highlightRanges('', [/a/])).toEqual([]);
  });
});

describe('mergeRanges', () => {
  it('joins touching ranges and keeps the others apart, in order', () => {
    expect(
      mergeRanges([
        { start: 5, end: 7 },
        { start: 0, end: 2 },
        { start: 2, end: 3 },
      ]),
    ).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 7 },
    ]);
  });
});

describe('highlightSegments', () => {
  it('cuts the text into runs that join back to it', () => {
    const text = '<b>hello</b> world hello';
    const segments = highlightSegments(text, [/hello/]);
    expect(segments).toEqual([
      { text: '<b>', marked: false },
      { text: 'hello', marked: true },
      { text: '</b> world ', marked: false },
      { text: 'hello', marked: true },
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });
});
