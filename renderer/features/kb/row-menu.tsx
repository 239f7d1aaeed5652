/** The grid's right-click menu for one entry (ag-grid community has none of its own). */
import { useEffect, useRef } from 'react';
import type { EventRow } from '../../../shared/model/log-event';

export interface RowMenuProps {
  row: EventRow;
  x: number;
  y: number;
  onDetails(): void;
  onMarkBenign(): void;
  onClose(): void;
}

export function RowMenu({ row, x, y, onDetails, onMarkBenign, onClose }: RowMenuProps) {
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
        <button type="button" role="menuitem" onClick={onMarkBenign} disabled={row.unparsed} data-testid="mark-benign">
          Mark as benign…
        </button>
      </li>
    </ul>
  );
}
