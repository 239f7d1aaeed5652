/** The event grid: ag-grid (community) pulling windows of rows for the current query. */
import {
  AllCommunityModule,
  ModuleRegistry,
  type CellContextMenuEvent,
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
import { COLUMN_DEFS, type GridContext } from './column-defs';
import { singleFlight } from '../../api/single-flight';
import { createEventsDatasource, RequestTracker } from './events-datasource';
import { useFollowScroll } from './follow-scroll';

ModuleRegistry.registerModules([AllCommunityModule]);

export interface LogGridProps {
  api: LogsiftApi;
  query: EventQuery;
  /** Changes whenever stored entries change, so the grid re-pulls its window (held still while paused). */
  dataVersion: number;
  /** Keep the newest row (the last) in view as rows arrive. */
  follow: boolean;
  /** The user scrolled up away from the newest row (false). */
  onFollowChange(follow: boolean): void;
  onSelect(row: EventRow): void;
  /** Right-click on a row, at page coordinates. */
  onRowMenu(row: EventRow, x: number, y: number): void;
  context: GridContext;
  onGridReady(api: GridApi<EventRow>): void;
  onError(message: string): void;
}

const PAGE_SIZE = 200;

function rowClass(params: RowClassParams<EventRow>): string[] | undefined {
  const row = params.data;
  if (!row) return undefined;
  const classes = row.unparsed ? ['sev-unknown', 'unparsed-row'] : [`sev-${row.level}`];
  // Hidden entries the user chose to see are greyed; flagged ones stand out.
  if (row.kb?.hidden) classes.push('kb-hidden');
  if (row.kb?.flag) classes.push('kb-flagged');
  return classes;
}

export function LogGrid({ api, query, dataVersion, follow, onFollowChange, onSelect, onRowMenu, context, onGridReady, onError }: LogGridProps) {
  const gridApi = useRef<GridApi<EventRow> | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const { onBodyScroll, keepNewestInView } = useFollowScroll(gridApi, host, follow, onFollowChange);
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
        keepNewestInView();
      }),
    [tracker, keepNewestInView],
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
    <div ref={host} className="grid-host ag-theme-quartz" data-testid="event-grid">
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
        preventDefaultOnContextMenu
        onCellContextMenu={(event: CellContextMenuEvent<EventRow>) => {
          const mouse = event.event as MouseEvent | null;
          if (event.data && mouse) onRowMenu(event.data, mouse.clientX, mouse.clientY);
        }}
        context={context}
        tooltipShowDelay={500}
        onGridReady={ready}
        onBodyScroll={onBodyScroll}
        // The grid learns a new row count here (a refresh, a new query): follow it down.
        onModelUpdated={keepNewestInView}
        suppressCellFocus={false}
      />
    </div>
  );
}
