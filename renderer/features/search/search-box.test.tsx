import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { SearchBox } from './search-box';

vi.mock('../../../shared/search/search-syntax', () => ({
  parseSearch: (input: string) => ({ terms: [], errors: input.includes('bad:') ? [{ at: input.indexOf('bad:'), message: 'Unknown field "bad"' }] : [] }),
  highlightPatterns: () => [],
}));

const noop = () => undefined;

describe('SearchBox', () => {
  it('shows the typed search and the chips, left-out ones marked', () => {
    const html = renderToStaticMarkup(
      <SearchBox
        text="id:9221"
        chips={[
          { search: 'provider:MSExchangeMTA', exclude: false },
          { search: 'computer:EXCH01', exclude: true },
        ]}
        onText={noop}
        onChips={noop}
      />,
    );
    expect(html).toContain('data-testid="search-input"');
    expect(html).toContain('value="id:9221"');
    expect(html).toContain('aria-label="Search"');
    expect(html.match(/data-testid="filter-chip"/g)).toHaveLength(2);
    expect(html).toContain('data-exclude="false"');
    expect(html).toContain('data-exclude="true"');
    expect(html).toContain('−computer:EXCH01');
  });

  it('lists parse errors with the offending term marked, as text', () => {
    const html = renderToStaticMarkup(<SearchBox text={'id:1 bad:<b>x</b>'} chips={[]} onText={noop} onChips={noop} />);
    expect(html).toContain('Unknown field &quot;bad&quot;');
    expect(html).toContain('<mark class="search-error-term">bad:&lt;b&gt;x&lt;/b&gt;</mark>');
    expect(html).toContain('aria-invalid="true"');
  });
});
