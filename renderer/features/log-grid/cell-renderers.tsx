/**
 * The grid's React cells: the message with search hits marked, the source file with its colour,
 * the bookmark star. Log text is rendered as React text, never as HTML.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { EventRow } from '../../../shared/model/log-event';
import { Highlighted } from '../search/highlighted';
import type { GridContext } from './column-defs';
import './cells.css';

type CellProps = CustomCellRendererProps<EventRow, unknown, GridContext | undefined>;

/**
 * A message cell shows one line: only its start can ever be seen, so only that much is rendered
 * (a 10 MB message would otherwise be laid out in full for every redraw). The whole text is in
 * the detail pane.
 */
export const MESSAGE_CELL_MAX_CHARS = 2_000;

export function MessageCell({ data, context }: CellProps) {
  if (!data) return null;
  const text = data.message.length > MESSAGE_CELL_MAX_CHARS ? `${data.message.slice(0, MESSAGE_CELL_MAX_CHARS)}…` : data.message;
  return (
    <span className="message-cell">
      <Highlighted text={text} patterns={context?.highlight?.() ?? NO_PATTERNS} />
    </span>
  );
}

const NO_PATTERNS: readonly RegExp[] = [];

export function SourceCell({ data, context }: CellProps) {
  if (!data) return null;
  const label = context?.sourceLabel?.(data.sourceId);
  if (!label) return null;
  return (
    <span className="source-cell">
      <span className="source-dot" style={{ backgroundColor: label.color }} aria-hidden="true" />
      {label.name}
    </span>
  );
}

export function BookmarkCell({ data }: CellProps) {
  if (!data || data.bookmark === null) return null;
  const title = data.bookmark === '' ? 'Bookmarked' : `Bookmarked: ${data.bookmark}`;
  return (
    <span className="bookmark-star" title={title} aria-label={title} role="img">
      ★
    </span>
  );
}
