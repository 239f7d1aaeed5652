/** The main screen: toolbar, open files and watched folders, filters, the grid, the detail pane and the status line. */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostInfo, LogsiftClient } from '../shared/api';
import type { EventRow, SourceInfo } from '../shared/model/log-event';
import type { EventCounts, EventQuery } from '../shared/model/query';
import { SEVERITIES, type Severity } from '../shared/model/severity';
import { uploadFile } from './api/client';
import { singleFlight } from './api/single-flight';
import { formatCount } from './format';
import { draftRule } from '../shared/kb/draft';
import type { KbRuleInput } from '../shared/kb/rule-schema';
import { DetailPane } from './features/detail/detail-pane';
import { HiddenSummary } from './features/kb/hidden-summary';
import { RowMenu } from './features/kb/row-menu';
import { RuleEditor } from './features/kb/rule-editor';
import { RulesManager } from './features/kb/rules-manager';
import { useKb } from './features/kb/use-kb';
import { FilterBar } from './features/filters/filter-bar';
import { FollowControls } from './features/follow/follow-controls';
import { useFollow } from './features/follow/use-follow';
import { COLUMN_IDS, type ColumnId, type GridContext } from './features/log-grid/column-defs';
import { LogGrid } from './features/log-grid/log-grid';
import { SourceBar } from './features/sources/source-bar';
import { Toolbar } from './features/toolbar/toolbar';
import { ExportMenu } from './features/export/export-menu';
import { useWatches } from './features/watch/use-watches';

const NO_COUNTS: EventCounts = { all: 0, shown: 0, byLevel: {}, hidden: 0, hiddenByRule: {} };

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
  const [showHidden, setShowHidden] = useState(false);
  const [rowMenu, setRowMenu] = useState<{ row: EventRow; x: number; y: number } | null>(null);
  const [editing, setEditing] = useState<KbRuleInput | null>(null);
  const [managingRules, setManagingRules] = useState(false);
  const kb = useKb(client, dataVersion);
  const watches = useWatches(client);
  const follow = useFollow(client, dataVersion);
  // Following only means something while some file is followed; a static file stays where the user put it.
  const hasLive = sources.some((source) => source.live !== null);

  const query = useMemo<EventQuery>(() => {
    const q: EventQuery = {};
    if (text.trim() !== '') q.text = text.trim();
    if (hiddenLevels.size > 0) q.levels = SEVERITIES.filter((level) => !hiddenLevels.has(level));
    if (showHidden) q.showHidden = true;
    return q;
  }, [text, hiddenLevels, showHidden]);

  // The grid reads rule titles through a context that stays the same object; cells are redrawn when they change.
  const rulesRef = useRef(kb.rules);
  rulesRef.current = kb.rules;
  const gridContext = useMemo<GridContext>(() => ({ ruleTitle: (id) => rulesRef.current.get(id)?.rule.title }), []);
  useEffect(() => gridApi?.refreshCells({ columns: ['kb'], force: true }), [gridApi, kb.rules]);

  const markBenign = useCallback(
    async (id: number) => {
      const detail = await client.getEvent(id);
      if (!detail) return;
      const taken = new Set(kb.state?.rules.map((info) => info.rule.id) ?? []);
      setEditing(draftRule({ ...detail, file: detail.file }, taken));
    },
    [client, kb.state],
  );

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
  useEffect(() => refreshCounts(), [refreshCounts, query, dataVersion, sources.length, kb.state]);

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
        extra={<ExportMenu client={client} query={query} gridApi={gridApi} onError={reportError} />}
      />
      <SourceBar
        api={client}
        sources={sources}
        watches={watches}
        onClose={(id) => client.closeSource(id).catch((e: unknown) => reportError(String(e)))}
        onUnwatch={(id) => client.unwatchFolder(id).catch((e: unknown) => reportError(String(e)))}
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
        {sources.length === 0 && watches.length > 0 ? (
          <div className="empty-state" data-testid="watch-empty">
            <h1>Waiting for log files</h1>
            <p>
              Watching {watches.map((watch) => watch.path).join(', ')}. Files that appear there are read and followed as they grow.
            </p>
          </div>
        ) : sources.length === 0 ? (
          <div className="empty-state">
            <h1>Open a log export to begin</h1>
            <p>
              {host.canPickFiles ? 'Use File › Open (Ctrl+O) or drop files here.' : 'Click Open… or drop files on this page.'} Logsift reads
              Event Viewer CSV/TXT exports and timestamped text logs; Watch folder… follows the logs in a folder as they grow.
            </p>
          </div>
        ) : (
          <LogGrid
            api={client}
            query={query}
            dataVersion={follow.gridVersion}
            follow={follow.follow && hasLive}
            onFollowChange={follow.setFollow}
            onSelect={(row) => setSelected(row.id)}
            onRowMenu={(row, x, y) => setRowMenu({ row, x, y })}
            context={gridContext}
            onGridReady={setGridApi}
            onError={reportError}
          />
        )}
        {selected !== null && (
          <DetailPane
            api={client}
            eventId={selected}
            dataVersion={dataVersion}
            kbRules={kb.rules}
            onMarkBenign={() => void markBenign(selected).catch(reportError)}
            onClose={() => setSelected(null)}
          />
        )}
      </main>
      {rowMenu && (
        <RowMenu
          {...rowMenu}
          onClose={() => setRowMenu(null)}
          onDetails={() => {
            setSelected(rowMenu.row.id);
            setRowMenu(null);
          }}
          onMarkBenign={() => {
            setRowMenu(null);
            markBenign(rowMenu.row.id).catch((e: unknown) => reportError(String(e)));
          }}
        />
      )}
      {managingRules && <RulesManager api={client} kb={kb} onEdit={setEditing} onClose={() => setManagingRules(false)} />}
      {editing && (
        <RuleEditor
          api={client}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            kb.refresh();
          }}
        />
      )}
      <footer className="status-line" data-testid="status-line">
        <span data-testid="row-count">
          {formatCount(counts.shown)} of {formatCount(counts.all)} shown
        </span>
        {loading && <span className="muted"> · loading…</span>}
        {hasLive && <FollowControls view={follow} />}
        <HiddenSummary counts={counts} kb={kb} showHidden={showHidden} onShowHidden={setShowHidden} onManageRules={() => setManagingRules(true)} />
      </footer>
    </div>
  );
}
