/**
 * The grid's column order and widths, as a session saves them: read from the grid whenever the
 * user moves or resizes a column, and put back when a session is restored (once the grid exists).
 */
import type { ColumnMovedEvent, ColumnResizedEvent, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventRow } from '../../../shared/model/log-event';

export interface ColumnLayout {
  columnOrder?: string[];
  columnWidths?: Record<string, number>;
}

function readLayout(api: GridApi<EventRow>): ColumnLayout {
  const state = api.getColumnState();
  return {
    columnOrder: state.map((column) => column.colId),
    columnWidths: Object.fromEntries(state.filter((column) => column.width !== undefined).map((column) => [column.colId, Math.round(column.width!)])),
  };
}

export function useColumnLayout(gridApi: GridApi<EventRow> | null) {
  const [layout, setLayout] = useState<ColumnLayout>({});
  const pending = useRef<ColumnLayout | null>(null);

  const apply = useCallback((api: GridApi<EventRow>, wanted: ColumnLayout) => {
    const order = wanted.columnOrder ?? api.getColumnState().map((column) => column.colId);
    api.applyColumnState({
      state: order.map((colId) => ({ colId, ...(wanted.columnWidths?.[colId] !== undefined ? { width: wanted.columnWidths[colId] } : {}) })),
      applyOrder: wanted.columnOrder !== undefined,
    });
  }, []);

  useEffect(() => {
    if (!gridApi) return;
    if (pending.current) {
      apply(gridApi, pending.current);
      pending.current = null;
    }
    // Only what the user did counts: the grid also sizes columns itself while it starts.
    const changed = (event: ColumnMovedEvent<EventRow> | ColumnResizedEvent<EventRow>) => {
      if (event.source === 'uiColumnMoved' || event.source === 'uiColumnResized') {
        if ('finished' in event && !event.finished) return;
        setLayout(readLayout(gridApi));
      }
    };
    gridApi.addEventListener('columnMoved', changed);
    gridApi.addEventListener('columnResized', changed);
    return () => {
      if (gridApi.isDestroyed()) return;
      gridApi.removeEventListener('columnMoved', changed);
      gridApi.removeEventListener('columnResized', changed);
    };
  }, [gridApi, apply]);

  /** Puts a saved layout back: now if the grid exists, else as soon as it does. */
  const restore = useCallback(
    (saved: ColumnLayout) => {
      setLayout(saved);
      if (gridApi) apply(gridApi, saved);
      else pending.current = saved;
    },
    [gridApi, apply],
  );
  return { layout, restore };
}
