import type { CustomCellRendererProps } from 'ag-grid-react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../shared/model/log-event';
import { BookmarkCell, MESSAGE_CELL_MAX_CHARS, MessageCell, SourceCell, TextCell } from './cell-renderers';
import { plainCellText, type GridContext } from './column-defs';

const ROW = { id: 1, sourceId: 2, message: 'disk <b>full</b>', bookmark: null } as EventRow;
const CONTEXT: GridContext = {
  ruleTitle: () => undefined,
  highlight: () => [/full/],
  sourceLabel: (id) => (id === 2 ? { name: 'app<1>.log', color: '#e05' } : undefined),
};

type Props = CustomCellRendererProps<EventRow, unknown, GridContext | undefined>;
const render = (Cell: (props: Props) => React.ReactNode, data: EventRow | undefined, context: GridContext | undefined = CONTEXT) =>
  renderToStaticMarkup(<>{Cell({ data, context } as Props)}</>);

describe('grid cells', () => {
  it('marks search hits in the message, as text', () => {
    expect(render(MessageCell, ROW)).toBe('<span class="message-cell">disk &lt;b&gt;<mark class="search-hit">full</mark>&lt;/b&gt;</span>');
    expect(render(MessageCell, ROW, { ruleTitle: () => undefined })).toBe('<span class="message-cell">disk &lt;b&gt;full&lt;/b&gt;</span>');
  });

  it('renders only the start of a huge message', () => {
    const html = render(MessageCell, { ...ROW, message: 'x'.repeat(10_000_000) });
    expect(html.length).toBeLessThan(MESSAGE_CELL_MAX_CHARS + 100);
    expect(html).toContain('…');
  });

  it('names the source with its colour', () => {
    expect(render(SourceCell, ROW)).toBe(
      '<span class="source-cell"><span class="source-dot" style="background-color:#e05" aria-hidden="true"></span>app&lt;1&gt;.log</span>',
    );
    expect(render(SourceCell, { ...ROW, sourceId: 9 })).toBe('');
  });

  it('stars bookmarked rows with the comment as tooltip', () => {
    expect(render(BookmarkCell, ROW)).toBe('');
    expect(render(BookmarkCell, { ...ROW, bookmark: '' })).toContain('title="Bookmarked"');
    expect(render(BookmarkCell, { ...ROW, bookmark: 'see "INC-1"' })).toContain('title="Bookmarked: see &quot;INC-1&quot;"');
    expect(render(BookmarkCell, undefined)).toBe('');
  });

  it('shows hidden characters as markers in messages, file names and bookmark titles', () => {
    expect(render(MessageCell, { ...ROW, message: '\u001b[31mfull\u001b[0m' })).toBe(
      '<span class="message-cell"><span class="hidden-char">␛</span>[31m<mark class="search-hit">full</mark><span class="hidden-char">␛</span>[0m</span>',
    );
    const spoofed: GridContext = { ...CONTEXT, sourceLabel: () => ({ name: 'invoice\u202Efdp.exe', color: '#e05' }) };
    expect(render(SourceCell, ROW, spoofed)).toContain('invoice<span class="hidden-char">⟨U+202E⟩</span>fdp.exe');
    expect(render(BookmarkCell, { ...ROW, bookmark: 'see\u0000this' })).toContain('title="Bookmarked: see␀this"');
  });
});

describe('plain text columns', () => {
  it('draw a value with hidden characters with styled markers, and cut to a cell’s worth', () => {
    const cell = (value: unknown) => renderToStaticMarkup(<>{TextCell({ value } as Props)}</>);
    expect(cell('DC01\u200B<b>')).toBe('<span class="text-cell">DC01<span class="hidden-char">⟨U+200B⟩</span>&lt;b&gt;</span>');
    expect(cell(`\u202E${'z'.repeat(5_000)}`)).toContain(`${'z'.repeat(MESSAGE_CELL_MAX_CHARS - 1)}…</span>`);
    expect(cell(null)).toBe('');
  });


  it('show hidden characters as markers and at most a cell’s worth of text', () => {
    expect(plainCellText('DC01\u200B')).toBe('DC01⟨U+200B⟩');
    expect(plainCellText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(plainCellText(null)).toBe('');
    expect(plainCellText(4625)).toBe('4625');
    const long = plainCellText('y'.repeat(1_000_000));
    expect(long).toHaveLength(MESSAGE_CELL_MAX_CHARS + 1);
    expect(long.endsWith('…')).toBe(true);
  });
});
