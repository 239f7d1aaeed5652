/**
 * The bridge between ag-grid's Infinite Row Model and the engine: the grid asks for a block of
 * rows, the datasource asks the engine for that window of the current query.
 */
import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { LogsiftApi } from '../../../shared/api';
import { SORTABLE_COLUMNS, type EventQuery, type SortableColumn, type SortKey } from '../../../shared/model/query';

function toSortKeys(model: SortModelItem[]): SortKey[] | undefined {
  const keys = model
    .filter((item): item is SortModelItem & { colId: SortableColumn } => (SORTABLE_COLUMNS as readonly string[]).includes(item.colId))
    .map((item) => ({ column: item.colId, direction: item.sort }));
  return keys.length > 0 ? keys : undefined;
}

export function createEventsDatasource(api: LogsiftApi, query: EventQuery, onError: (message: string) => void): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      const sort = toSortKeys(params.sortModel);
      api
        .queryEvents({
          query: sort ? { ...query, sort } : query,
          offset: params.startRow,
          limit: params.endRow - params.startRow,
        })
        .then(
          (page) => params.successCallback(page.rows, page.total),
          (error: unknown) => {
            onError(error instanceof Error ? error.message : String(error));
            params.failCallback();
          },
        );
    },
  };
}
