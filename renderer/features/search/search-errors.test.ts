import { describe, expect, it } from 'vitest';
import { errorExcerpt, errorTerm, termSpans } from './search-errors';

const spanText = (input: string) => termSpans(input).map(({ start, end }) => input.slice(start, end));

describe('termSpans', () => {
  it('splits on whitespace outside quotes and regular expressions', () => {
    expect(spanText('provider:MSExchangeMTA  id:9221 "connection reset" -computer:"EXCH 01" /a b\\/c/i -/x y/')).toEqual([
      'provider:MSExchangeMTA',
      'id:9221',
      '"connection reset"',
      '-computer:"EXCH 01"',
      '/a b\\/c/i',
      '-/x y/',
    ]);
  });

  it('runs an unclosed quote or slash to the end', () => {
    expect(spanText('a "open quote')).toEqual(['a', '"open quote']);
    expect(spanText('/open regex')).toEqual(['/open regex']);
  });
});

describe('errorTerm', () => {
  it('finds the term an offset points into', () => {
    const input = 'id:9221 level>=loud x';
    const span = errorTerm(input, input.indexOf('loud'));
    expect(input.slice(span.start, span.end)).toBe('level>=loud');
  });

  it('points at the place itself between terms or at the end', () => {
    expect(errorTerm('a  b', 2)).toEqual({ start: 2, end: 3 });
    expect(errorTerm('abc', 3)).toEqual({ start: 3, end: 3 });
    expect(errorTerm('abc', 99)).toEqual({ start: 3, end: 3 });
  });
});

describe('errorExcerpt', () => {
  it('cuts long inputs around the term', () => {
    const input = `${'a'.repeat(40)} bad:term ${'b'.repeat(40)}`;
    const excerpt = errorExcerpt(input, 41);
    expect(excerpt.term).toBe('bad:term');
    expect(excerpt.before.startsWith('…')).toBe(true);
    expect(excerpt.after.endsWith('…')).toBe(true);
    expect(errorExcerpt('x:1', 0)).toEqual({ before: '', term: 'x:1', after: '' });
  });
});
