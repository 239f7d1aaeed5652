/**
 * The selected entry, as the keyboard and the detail pane move it: step through the grid's rows
 * (selecting and showing each), find the row in hand, and act on it as stored now.
 */
import type { GridApi } from 'ag-grid-community';
import { useCallback } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import type { EventRow } from '../../../shared/model/log-event';
import { moveRow, type RowMove } from './grid-navigation';

export function useRowNavigation(api: LogsiftApi, gridApi: GridApi<EventRow> | null, selected: number | null, select: (id: number) => void) {
  const move = useCallback(
    (direction: RowMove) => {
      if (!gridApi) return;
      moveRow(gridApi, direction, selected).then((row) => row && select(row.id), () => undefined);
    },
    [gridApi, selected, select],
  );
  const selectedRow = useCallback((): EventRow | undefined => {
    const rows = gridApi?.getSelectedRows() ?? [];
    return rows.find((row) => row.id === selected) ?? rows[0];
  }, [gridApi, selected]);
  /** Acts on the entry in the detail pane (or the grid's selected row), read fresh: its bookmark may have changed. */
  const withSelected = useCallback(
    (act: (row: EventRow) => void) => {
      const id = selected ?? selectedRow()?.id;
      if (id === undefined) return;
      api.getEvent(id).then((row) => row && act(row), () => undefined);
    },
    [api, selected, selectedRow],
  );
  return { move, selectedRow, withSelected };
}
