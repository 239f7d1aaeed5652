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

/** Counts the block requests in flight, so refreshes can wait for the grid to settle. */
export class RequestTracker {
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  begin(): void {
    this.inFlight++;
  }

  end(): void {
    this.inFlight--;
    if (this.inFlight === 0) this.waiters.splice(0).forEach((wake) => wake());
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

export function createEventsDatasource(
  api: LogsiftApi,
  query: EventQuery,
  onError: (message: string) => void,
  tracker: RequestTracker,
): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      const sort = toSortKeys(params.sortModel);
      tracker.begin();
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
        )
        .finally(() => tracker.end());
    },
  };
}
