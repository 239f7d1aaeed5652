import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted } from './highlighted';

describe('Highlighted', () => {
  it('marks matches and escapes the log text', () => {
    const html = renderToStaticMarkup(<Highlighted text={'<img src=x onerror="y"> error'} patterns={[/error/]} />);
    expect(html).toBe('&lt;img src=x on<mark class="search-hit">error</mark>=&quot;y&quot;&gt; <mark class="search-hit">error</mark>');
  });

  it('renders plain text when nothing matches', () => {
    expect(renderToStaticMarkup(<Highlighted text="a <b>" patterns={[/z/]} />)).toBe('a &lt;b&gt;');
  });
});
