/** The main screen: toolbar, open files, filters, the grid, the detail pane and the status line. */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostInfo, LogsiftClient } from '../shared/api';
import type { EventRow, SourceInfo } from '../shared/model/log-event';
import type { EventCounts, EventQuery } from '../shared/model/query';
import { SEVERITIES, type Severity } from '../shared/model/severity';
import { uploadFile } from './api/client';
import { singleFlight } from './api/single-flight';
import { formatCount } from './format';
import { DetailPane } from './features/detail/detail-pane';
import { FilterBar } from './features/filters/filter-bar';
import { COLUMN_IDS, type ColumnId } from './features/log-grid/column-defs';
import { LogGrid } from './features/log-grid/log-grid';
import { SourceBar } from './features/sources/source-bar';
import { Toolbar } from './features/toolbar/toolbar';

const NO_COUNTS: EventCounts = { all: 0, shown: 0, byLevel: {} };

export function App({ client, host }: { client: LogsiftClient; host: HostInfo }) {
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [dataVersion, setDataVersion] = useState(0);
  const [text, setText] = useState('');
  const [hiddenLevels, setHiddenLevels] = useState<ReadonlySet<Severity>>(new Set());
  const [hiddenColumns, setHiddenColumns] = useState<ReadonlySet<ColumnId>>(new Set());
  const [counts, setCounts] = useState<EventCounts>(NO_COUNTS);
  const [selected, setSelected] = useState<number | null>(null);
  const [gridApi, setGridApi] = useState<GridApi<EventRow> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const query = useMemo<EventQuery>(() => {
    const q: EventQuery = {};
    if (text.trim() !== '') q.text = text.trim();
    if (hiddenLevels.size > 0) q.levels = SEVERITIES.filter((level) => !hiddenLevels.has(level));
    return q;
  }, [text, hiddenLevels]);

  useEffect(() => {
    client.listSources().then(setSources, () => undefined);
    const stops = [
      client.on('sourcesChanged', setSources),
      client.on('eventsChanged', (change) => setDataVersion(change.version)),
    ];
    return () => stops.forEach((stop) => stop());
  }, [client]);

  // Counts follow the latest query and data, one request at a time.
  const latestQuery = useRef(query);
  latestQuery.current = query;
  const refreshCounts = useMemo(
    () =>
      singleFlight(async () => {
        const asked = latestQuery.current;
        const next = await client.countEvents(asked);
        // A newer query has already triggered another run; only the latest answer is shown.
        if (asked === latestQuery.current) setCounts(next);
      }),
    [client],
  );
  useEffect(() => refreshCounts(), [refreshCounts, query, dataVersion, sources.length]);

  useEffect(() => {
    if (!gridApi) return;
    gridApi.setColumnsVisible([...hiddenColumns], false);
    gridApi.setColumnsVisible(
      COLUMN_IDS.filter((column) => !hiddenColumns.has(column)),
      true,
    );
  }, [gridApi, hiddenColumns]);

  const reportError = useCallback((message: string) => setError(message), []);
  const upload = useCallback(
    (files: File[]) => {
      for (const file of files) uploadFile(file).catch((e: unknown) => reportError(e instanceof Error ? e.message : String(e)));
    },
    [reportError],
  );

  // Browser mode: files dropped on the page are uploaded (Electron's preload handles drops itself).
  useEffect(() => {
    if (host.mode !== 'browser') return;
    const over = (event: DragEvent) => event.preventDefault();
    const drop = (event: DragEvent) => {
      event.preventDefault();
      upload([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [host.mode, upload]);

  const toggleLevel = useCallback((level: Severity) => {
    setHiddenLevels((current) => {
      const next = new Set(current);
      if (!next.delete(level)) next.add(level);
      return next;
    });
  }, []);
  const toggleColumn = useCallback((column: ColumnId) => {
    setHiddenColumns((current) => {
      const next = new Set(current);
      if (!next.delete(column)) next.add(column);
      return next;
    });
  }, []);

  const loading = sources.some((source) => source.status === 'loading');
  return (
    <div className="app">
      <Toolbar
        api={client}
        host={host}
        hiddenColumns={hiddenColumns}
        onToggleColumn={toggleColumn}
        onUpload={upload}
        onError={reportError}
      />
      <SourceBar
        api={client}
        sources={sources}
        onClose={(id) => client.closeSource(id).catch((e: unknown) => reportError(String(e)))}
        onError={reportError}
      />
      <FilterBar counts={counts} hiddenLevels={hiddenLevels} onToggleLevel={toggleLevel} onSearch={setText} />
      {error && (
        <div className="error-banner" role="alert">
          {error}
          <button type="button" onClick={() => setError(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      <main className="content">
        {sources.length === 0 ? (
          <div className="empty-state">
            <h1>Open a log export to begin</h1>
            <p>
              {host.canPickFiles ? 'Use File › Open (Ctrl+O) or drop files here.' : 'Click Open… or drop files on this page.'} Logsift reads
              Event Viewer CSV/TXT exports and timestamped text logs.
            </p>
          </div>
        ) : (
          <LogGrid
            api={client}
            query={query}
            dataVersion={dataVersion}
            onSelect={(row) => setSelected(row.id)}
            onGridReady={setGridApi}
            onError={reportError}
          />
        )}
        {selected !== null && <DetailPane api={client} eventId={selected} onClose={() => setSelected(null)} />}
      </main>
      <footer className="status-line" data-testid="status-line">
        <span data-testid="row-count">
          {formatCount(counts.shown)} of {formatCount(counts.all)} shown
        </span>
        {loading && <span className="muted"> · loading…</span>}
      </footer>
    </div>
  );
}
