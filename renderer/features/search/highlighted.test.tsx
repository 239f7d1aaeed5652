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

  it('shows hidden characters as markers, inside and outside the marks, matching the exact text', () => {
    const html = renderToStaticMarkup(<Highlighted text={'\u001b[31merror\u202E\u001b[0m'} patterns={[/error\u202E/]} />);
    expect(html).toBe(
      '<span class="hidden-char">␛</span>[31m<mark class="search-hit">error<span class="hidden-char">⟨U+202E⟩</span></mark><span class="hidden-char">␛</span>[0m',
    );
    expect(renderToStaticMarkup(<Highlighted text={'ad\u200Bmin'} patterns={[]} />)).toBe('ad<span class="hidden-char">⟨U+200B⟩</span>min');
  });
});
