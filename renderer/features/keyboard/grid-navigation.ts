/**
 * Moving the selection through the grid from the keyboard (j/k, g/G, the detail pane's ‹ ›).
 * The grid uses the Infinite Row Model, so the target row may not be loaded yet: scrolling to it
 * asks for its block, and the move completes once the row's data is there.
 */
import type { GridApi } from 'ag-grid-community';
import type { EventRow } from '../../../shared/model/log-event';

export type RowMove = 'next' | 'prev' | 'first' | 'last';

/** The row index a move lands on, or null when there are no rows. Moves stop at the ends. */
export function targetRowIndex(current: number | null, move: RowMove, rowCount: number): number | null {
  if (rowCount <= 0) return null;
  switch (move) {
    case 'first':
      return 0;
    case 'last':
      return rowCount - 1;
    case 'next':
      return current === null ? 0 : Math.min(current + 1, rowCount - 1);
    case 'prev':
      return current === null ? 0 : Math.max(current - 1, 0);
  }
}

/** Whether a move from the selected row would go anywhere (for the detail pane's disabled buttons). */
export function canMove(current: number | null, move: 'next' | 'prev', rowCount: number): boolean {
  const target = targetRowIndex(current, move, rowCount);
  return target !== null && target !== current;
}

/** The part of ag-grid's API a move uses (a fake in tests). */
export type NavigableGrid = Pick<
  GridApi<EventRow>,
  'getRowNode' | 'getFocusedCell' | 'getDisplayedRowCount' | 'getDisplayedRowAtIndex' | 'ensureIndexVisible' | 'setFocusedCell'
>;

/** Where the selection is: the selected entry's row, else the grid's keyboard cursor. */
export function currentRowIndex(api: NavigableGrid, selectedId: number | null): number | null {
  const node = selectedId === null ? undefined : api.getRowNode(String(selectedId));
  return node?.rowIndex ?? api.getFocusedCell()?.rowIndex ?? null;
}

const POLL_MS = 50;

/**
 * Selects the row a move lands on, scrolled into view, with the grid's own cursor moved along if
 * it has one. Resolves with the row (null when there is none, or its block did not load within `waitMs`).
 */
export async function moveRow(api: NavigableGrid, move: RowMove, selectedId: number | null, waitMs = 2_000): Promise<EventRow | null> {
  const target = targetRowIndex(currentRowIndex(api, selectedId), move, api.getDisplayedRowCount());
  if (target === null) return null;
  api.ensureIndexVisible(target);
  const cursor = api.getFocusedCell();
  // Keeping ag-grid's focused cell on the selected row, so its arrow keys carry on from here.
  if (cursor) api.setFocusedCell(target, cursor.column);
  for (let waited = 0; ; waited += POLL_MS) {
    const node = api.getDisplayedRowAtIndex(target);
    if (node?.data) {
      node.setSelected(true, true);
      return node.data;
    }
    if (waited >= waitMs) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
