import { describe, expect, it } from 'vitest';
import { countNonBlankLines, StreamingLineCounter } from './line-accounting';

describe('line accounting', () => {
  it('counts non-blank lines whatever the line ends', () => {
    expect(countNonBlankLines('a\n\nb\r\n  \r\nc\rd')).toBe(4);
    expect(countNonBlankLines('')).toBe(0);
    expect(countNonBlankLines('one')).toBe(1);
    expect(countNonBlankLines('one\n')).toBe(1);
  });

  it('gives the same count when the text arrives in pieces', () => {
    const text = 'first line\r\nsecond\n\n third \rlast';
    const counter = new StreamingLineCounter();
    for (let i = 0; i < text.length; i += 3) counter.push(text.slice(i, i + 3));
    expect(counter.total).toBe(countNonBlankLines(text));
  });
});
