import { describe, expect, it, vi } from 'vitest';
import { searchHighlights } from './search-highlights';

// The real parser is tested in shared/search; here only which searches are asked matters.
vi.mock('../../../shared/search/search-syntax', () => ({
  parseSearch: (input: string) => ({ terms: [input], errors: [] }),
  highlightPatterns: (parsed: { terms: string[] }) => parsed.terms.map((term) => new RegExp(term, 'i')),
}));

describe('searchHighlights', () => {
  it('marks the typed search and the kept chips, not the left-out ones', () => {
    const patterns = searchHighlights('reset', [
      { search: 'timeout', exclude: false },
      { search: 'EXCH01', exclude: true },
    ]);
    expect(patterns.map((pattern) => pattern.source)).toEqual(['reset', 'timeout']);
  });

  it('has nothing to mark without a search', () => {
    expect(searchHighlights('  ')).toEqual([]);
  });
});
