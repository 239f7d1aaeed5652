import { describe, expect, it } from 'vitest';
import { clipText, clipWithNote } from './clip-text';

describe('clipText', () => {
  it('leaves text within the limit whole', () => {
    expect(clipText('short', 5)).toEqual({ text: 'short', cut: 0 });
  });

  it('keeps the start and counts what it left out', () => {
    expect(clipText('abcdefgh', 3)).toEqual({ text: 'abc', cut: 5 });
    const huge = clipText('A'.repeat(10 * 1024 * 1024), 100_000);
    expect(huge.text).toHaveLength(100_000);
    expect(huge.cut).toBe(10 * 1024 * 1024 - 100_000);
  });

  it('never splits a surrogate pair', () => {
    expect(clipText('ab🚀cd', 3)).toEqual({ text: 'ab', cut: 4 });
  });
});

describe('clipWithNote', () => {
  it('says how many characters are not shown', () => {
    expect(clipWithNote('abc', 3)).toBe('abc');
    expect(clipWithNote('x'.repeat(12_346), 1)).toBe('x … [12,345 more characters]');
  });
});
