/**
 * The grid's React cells: the message with search hits marked, the source file with its colour,
 * the bookmark star. Log text is rendered as React text, never as HTML, with hidden characters
 * (bidi controls, escapes, NULs) shown as markers.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { EventRow } from '../../../shared/model/log-event';
import { clipText, clipWithNote } from '../../../shared/text/clip-text';
import { visibleText } from '../../../shared/text/visible-text';
import { Highlighted } from '../search/highlighted';
import { VisibleText } from '../text/visible-text';
import type { GridContext } from './column-defs';
import './cells.css';

type CellProps = CustomCellRendererProps<EventRow, unknown, GridContext | undefined>;

/**
 * A message cell shows one line: only its start can ever be seen, so only that much is rendered
 * (a 10 MB message would otherwise be laid out in full for every redraw). The whole text is in
 * the detail pane.
 */
export const MESSAGE_CELL_MAX_CHARS = 2_000;

/** As much of a value as a one-line cell draws, with "…" when there is more: every text cell's clip. */
export function cellClip(value: string): string {
  const { text, cut } = clipText(value, MESSAGE_CELL_MAX_CHARS);
  return cut > 0 ? `${text}…` : text;
}

export function MessageCell({ data, context }: CellProps) {
  if (!data) return null;
  const text = cellClip(data.message);
  return (
    <span className="message-cell">
      <Highlighted text={text} patterns={context?.highlight?.() ?? NO_PATTERNS} />
    </span>
  );
}

const NO_PATTERNS: readonly RegExp[] = [];

/**
 * A plain text column's cell when its value holds hidden characters (the others are drawn by the
 * grid as text): the markers styled apart, so `⟨U+202E⟩` in a name cannot pass for typed text.
 */
export function TextCell({ value }: CellProps) {
  if (typeof value !== 'string') return null;
  return (
    <span className="text-cell">
      <VisibleText text={cellClip(value)} />
    </span>
  );
}

export function SourceCell({ data, context }: CellProps) {
  if (!data) return null;
  const label = context?.sourceLabel?.(data.sourceId);
  if (!label) return null;
  return (
    <span className="source-cell">
      <span className="source-dot" style={{ backgroundColor: label.color }} aria-hidden="true" />
      <VisibleText text={label.name} />
    </span>
  );
}

export function BookmarkCell({ data }: CellProps) {
  if (!data || data.bookmark === null) return null;
  // The comment comes from a sidecar file beside the log, which is no more trusted than the log.
  const title = data.bookmark === '' ? 'Bookmarked' : `Bookmarked: ${visibleText(clipWithNote(data.bookmark, MESSAGE_CELL_MAX_CHARS))}`;
  return (
    <span className="bookmark-star" title={title} aria-label={title} role="img">
      ★
    </span>
  );
}
