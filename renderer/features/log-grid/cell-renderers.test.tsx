import type { CustomCellRendererProps } from 'ag-grid-react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../shared/model/log-event';
import { BookmarkCell, MESSAGE_CELL_MAX_CHARS, MessageCell, SourceCell } from './cell-renderers';
import type { GridContext } from './column-defs';

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
});
