/** The event grid: ag-grid (community) pulling windows of rows for the current query. */
import {
  AllCommunityModule,
  ModuleRegistry,
  type GridApi,
  type GridReadyEvent,
  type RowClassParams,
  type RowClickedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import type { EventRow } from '../../../shared/model/log-event';
import type { EventQuery } from '../../../shared/model/query';
import { COLUMN_DEFS } from './column-defs';
import { singleFlight } from '../../api/single-flight';
import { createEventsDatasource, RequestTracker } from './events-datasource';

ModuleRegistry.registerModules([AllCommunityModule]);

export interface LogGridProps {
  api: LogsiftApi;
  query: EventQuery;
  /** Changes whenever stored entries change, so the grid re-pulls its window. */
  dataVersion: number;
  onSelect(row: EventRow): void;
  onGridReady(api: GridApi<EventRow>): void;
  onError(message: string): void;
}

const PAGE_SIZE = 200;

function rowClass(params: RowClassParams<EventRow>): string | string[] | undefined {
  if (!params.data) return undefined;
  return params.data.unparsed ? ['sev-unknown', 'unparsed-row'] : `sev-${params.data.level}`;
}

export function LogGrid({ api, query, dataVersion, onSelect, onGridReady, onError }: LogGridProps) {
  const gridApi = useRef<GridApi<EventRow> | null>(null);
  const latest = useRef({ api, query, onError, onGridReady });
  latest.current = { api, query, onError, onGridReady };

  const tracker = useMemo(() => new RequestTracker(), []);

  useEffect(() => {
    gridApi.current?.setGridOption('datasource', createEventsDatasource(api, query, onError, tracker));
  }, [api, query, onError, tracker]);

  // New data re-pulls the visible blocks, but never while the previous pull is still answering.
  const refresh = useMemo(
    () =>
      singleFlight(async () => {
        gridApi.current?.refreshInfiniteCache();
        await new Promise((resolve) => setTimeout(resolve, 0));
        await tracker.idle();
      }),
    [tracker],
  );
  useEffect(() => refresh(), [dataVersion, refresh]);

  // The first datasource is set here; later queries replace it through the effect above.
  const ready = useCallback((event: GridReadyEvent<EventRow>) => {
    const current = latest.current;
    gridApi.current = event.api;
    event.api.setGridOption('datasource', createEventsDatasource(current.api, current.query, current.onError, tracker));
    current.onGridReady(event.api);
  }, [tracker]);

  return (
    <div className="grid-host ag-theme-quartz" data-testid="event-grid">
      <AgGridReact<EventRow>
        theme="legacy"
        columnDefs={COLUMN_DEFS}
        defaultColDef={{ sortable: true, resizable: true }}
        rowModelType="infinite"
        cacheBlockSize={PAGE_SIZE}
        maxBlocksInCache={50}
        rowHeight={26}
        headerHeight={30}
        getRowId={(params) => String(params.data.id)}
        getRowClass={rowClass}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onRowClicked={(event: RowClickedEvent<EventRow>) => event.data && onSelect(event.data)}
        onGridReady={ready}
        suppressCellFocus={false}
      />
    </div>
  );
}
