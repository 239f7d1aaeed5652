import { describe, expect, it } from 'vitest';
import { deepScrollOffsets, middleTenth, regexSearchFor, spreadOffsets, summarizeTimings, wordNearShare, wordShares } from './bench-queries-plan';

describe('summarizeTimings', () => {
  it('keeps the first run and gives the minimum and the median', () => {
    expect(summarizeTimings([30, 10, 20])).toEqual({ firstMs: 30, minMs: 10, medianMs: 20 });
  });

  it('takes the mean of the middle two for an even count, to a tenth of a millisecond', () => {
    expect(summarizeTimings([4, 1, 2.04, 3])).toEqual({ firstMs: 4, minMs: 1, medianMs: 2.5 });
  });

  it('refuses an empty list', () => {
    expect(() => summarizeTimings([])).toThrow();
  });
});

describe('middleTenth', () => {
  it('is the tenth of the span around its middle', () => {
    expect(middleTenth(1000, 2000)).toEqual({ from: 1450, to: 1550 });
  });
});

describe('spreadOffsets', () => {
  it('spreads pages from the start to the last full page', () => {
    expect(spreadOffsets(1200, 3, 200)).toEqual([0, 500, 1000]);
  });

  it('is one page at the start when the rows fit in a page', () => {
    expect(spreadOffsets(150, 5, 200)).toEqual([0]);
  });
});

describe('deepScrollOffsets', () => {
  it('is 100,000 rows before the end, or the start for fewer rows', () => {
    expect(deepScrollOffsets(1_000_000)).toEqual([900_000]);
    expect(deepScrollOffsets(50_000)).toEqual([0]);
  });

  it('adds row 4,900,000 when there are more rows than that', () => {
    expect(deepScrollOffsets(5_000_000)).toEqual([4_900_000]);
    expect(deepScrollOffsets(6_000_000)).toEqual([5_900_000, 4_900_000]);
  });
});

describe('wordNearShare', () => {
  const texts = [
    ...Array.from({ length: 98 }, (_, i) => `session opened for user${i % 2 ? 'alice' : 'bobby'}`),
    'error: connection timed out',
    'error: Connection closed',
  ];

  it('finds the word in the share of texts closest to the one asked for', () => {
    expect(wordNearShare(texts, 0.01)).toEqual({ word: 'timed', share: 0.01 });
    expect(wordNearShare(texts, 0.02)).toEqual({ word: 'error', share: 0.02 });
    expect(wordNearShare(texts, 0.9)).toEqual({ word: 'session', share: 0.98 });
  });

  it('counts a word once per text and ignores case, digits and short words', () => {
    expect(wordNearShare(['Retry retry RETRY 12345 a an the'], 1)).toEqual({ word: 'retry', share: 1 });
  });

  it('is undefined when there are no words', () => {
    expect(wordNearShare(['12 34', ''], 0.01)).toBeUndefined();
  });

  it('passes over words that are common in the other texts', () => {
    const raw = ['{"message":"error: connection timed out"}', '{"message":"session opened"}'];
    expect(wordNearShare(['message timed out', 'session opened', 'session closed'], 0.3, { texts: raw, maxShare: 0.6 })).toEqual({
      word: 'timed',
      share: 1 / 3,
    });
  });
});

describe('wordShares', () => {
  it('is the share of texts each word is in, in order of first sight', () => {
    expect([...wordShares(['alpha bravo', 'bravo bravo', 'delta'])]).toEqual([
      ['alpha', 1 / 3],
      ['bravo', 2 / 3],
      ['delta', 1 / 3],
    ]);
  });
});

describe('regexSearchFor', () => {
  it('is a /regex/ search term: the word, then another word', () => {
    const pattern = regexSearchFor('logrotate');
    expect(pattern).toBe('/\\blogrotate\\w*\\W+\\w+/');
    const regex = new RegExp(pattern.slice(1, -1));
    expect(regex.test('Starting logrotate activities...')).toBe(true);
    expect(regex.test('logrotate.service: Deactivated successfully.')).toBe(true);
    expect(regex.test('nologrotate here')).toBe(false);
  });
});
