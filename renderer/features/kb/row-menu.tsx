/** The grid's right-click menu for one entry (ag-grid community has none of its own): details, bookmark, comment, KB rule. */
import { useEffect, useRef } from 'react';
import type { EventRow } from '../../../shared/model/log-event';

export interface RowMenuProps {
  row: EventRow;
  x: number;
  y: number;
  onDetails(): void;
  onMarkBenign(): void;
  /** Bookmarks the row, or removes its bookmark. */
  onToggleBookmark(): void;
  /** Opens the bookmark's comment for editing (bookmarking the row first if need be). */
  onComment(): void;
  onClose(): void;
}

export function RowMenu({ row, x, y, onDetails, onMarkBenign, onToggleBookmark, onComment, onClose }: RowMenuProps) {
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const away = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('mousedown', away);
    window.addEventListener('keydown', escape);
    menu.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('keydown', escape);
    };
  }, [onClose]);
  return (
    <ul ref={menu} className="menu context-menu" role="menu" style={{ left: x, top: y }} data-testid="row-menu">
      <li>
        <button type="button" role="menuitem" onClick={onDetails}>
          Show details
        </button>
      </li>
      <li>
        <button type="button" role="menuitem" onClick={onToggleBookmark} data-testid="toggle-bookmark">
          {row.bookmark === null ? 'Bookmark' : 'Remove bookmark'}
        </button>
      </li>
      <li>
        <button type="button" role="menuitem" onClick={onComment} data-testid="edit-comment">
          {row.bookmark ? 'Edit comment…' : 'Add comment…'}
        </button>
      </li>
      <li>
        <button type="button" role="menuitem" onClick={onMarkBenign} disabled={row.unparsed} data-testid="mark-benign">
          Mark as benign…
        </button>
      </li>
    </ul>
  );
}
