/** The main screen: toolbar, open files and watched folders, filters, the grid, the detail pane and the status line. */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostInfo, LogsiftClient } from '../shared/api';
import type { EventRow, SourceInfo } from '../shared/model/log-event';
import type { EventCounts } from '../shared/model/query';
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
import { COLUMN_IDS } from './features/log-grid/column-defs';
import { useGridContext } from './features/log-grid/use-grid-context';
import { useColumnLayout } from './features/log-grid/use-column-layout';
import type { SessionView } from '../shared/model/triage';
import { LogGrid } from './features/log-grid/log-grid';
import { SourceBar } from './features/sources/source-bar';
import { Toolbar } from './features/toolbar/toolbar';
import { ExportMenu } from './features/export/export-menu';
import { useWatches } from './features/watch/use-watches';
import { focusSearchInput, SearchBox } from './features/search/search-box';
import { searchHighlights } from './features/search/search-highlights';
import { useRowNavigation } from './features/keyboard/use-row-navigation';
import { useDropUpload } from './features/toolbar/use-drop-upload';
import { ShortcutsHelp } from './features/keyboard/shortcuts-help';
import { useShortcuts } from './features/keyboard/use-shortcuts';
import { addChip } from './features/search/chips';
import { FacetPanel } from './features/facets/facet-panel';
import { Timeline } from './features/timeline/timeline';
import { BookmarksMenu } from './features/bookmarks/bookmarks-menu';
import { CommentDialog } from './features/bookmarks/comment-dialog';
import { SessionsMenu } from './features/sessions/sessions-menu';
import { useSession } from './features/sessions/use-session';
import { LoadProgress } from './features/status/load-progress';
import { useViewState } from './features/view/use-view-state';
import { VisibleText } from './features/text/visible-text';

const NO_COUNTS: EventCounts = { all: 0, shown: 0, byLevel: {}, hidden: 0, hiddenByRule: {} };

export function App({ client, host }: { client: LogsiftClient; host: HostInfo }) {
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [dataVersion, setDataVersion] = useState(0);
  const [counts, setCounts] = useState<EventCounts>(NO_COUNTS);
  const [selected, setSelected] = useState<number | null>(null);
  const [gridApi, setGridApi] = useState<GridApi<EventRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rowMenu, setRowMenu] = useState<{ row: EventRow; x: number; y: number } | null>(null);
  const [editing, setEditing] = useState<KbRuleInput | null>(null);
  const [managingRules, setManagingRules] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [showFacets, setShowFacets] = useState(true);
  const searchRef = useRef<HTMLInputElement>(null);
  const [commenting, setCommenting] = useState<{ eventId: number; summary: string; initial: string } | null>(null);
  const kb = useKb(client, dataVersion);
  const watches = useWatches(client);
  const follow = useFollow(client, dataVersion);
  // Following only means something while some file is followed; a static file stays where the user put it.
  const hasLive = sources.some((source) => source.live !== null);
  const view = useViewState(sources);
  const { text, chips, query, range } = view;
  const columns = useColumnLayout(gridApi);
  const sessionView = useMemo(() => ({ ...view.sessionView, ...columns.layout }), [view.sessionView, columns.layout]);
  const applyView = useCallback(
    (saved: SessionView) => {
      view.applyView(saved);
      columns.restore({ columnOrder: saved.columnOrder, columnWidths: saved.columnWidths });
    },
    [view.applyView, columns.restore],
  );

  const session = useSession(client, sessionView, applyView);
  useEffect(() => {
    if (session.missing.length > 0) setError(`Not found any more, left out of the restored session: ${session.missing.join(', ')}`);
  }, [session.missing]);

  const toggleBookmark = useCallback(
    (row: EventRow) => {
      const change = row.bookmark === null ? client.setBookmark(row.id, '') : client.removeBookmark(row.id);
      change.catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    },
    [client],
  );
  const editComment = useCallback((row: EventRow) => {
    setCommenting({ eventId: row.id, summary: row.message.slice(0, 300), initial: row.bookmark ?? '' });
  }, []);

  const highlight = useMemo(() => searchHighlights(text, chips), [text, chips]);
  const gridContext = useGridContext(gridApi, kb.rules, highlight, sources);

  // Moving through rows (keyboard, the detail pane's ‹ ›) selects the row and shows its details.
  const { move, selectedRow, withSelected } = useRowNavigation(client, gridApi, selected, setSelected);

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
    gridApi.setColumnsVisible([...view.hiddenColumns], false);
    gridApi.setColumnsVisible(
      COLUMN_IDS.filter((column) => !view.hiddenColumns.has(column)),
      true,
    );
  }, [gridApi, view.hiddenColumns]);

  const reportError = useCallback((message: string) => setError(message), []);
  const upload = useCallback(
    (files: File[]) => {
      for (const file of files) uploadFile(file).catch((e: unknown) => reportError(e instanceof Error ? e.message : String(e)));
    },
    [reportError],
  );

  useDropUpload(host, upload);

  useShortcuts({
    focusSearch: () => focusSearchInput(searchRef.current),
    openFile: () => document.querySelector<HTMLButtonElement>('[data-testid="open-button"]')?.click(),
    export: () => document.querySelector<HTMLButtonElement>('[data-testid="export-button"]')?.click(),
    nextRow: () => move('next'),
    prevRow: () => move('prev'),
    firstRow: () => move('first'),
    lastRow: () => move('last'),
    toggleDetail: () => {
      if (selected !== null) setSelected(null);
      else {
        const row = selectedRow();
        if (row) setSelected(row.id);
        else move('first');
      }
    },
    toggleBookmark: () => withSelected(toggleBookmark),
    comment: () => withSelected(editComment),
    escape: ({ place }) => {
      if (place === 'editable' && document.activeElement instanceof HTMLElement) document.activeElement.blur();
      else if (helpOpen) setHelpOpen(false);
      else if (rowMenu) setRowMenu(null);
      else setSelected(null);
    },
    help: () => setHelpOpen(true),
  });

  return (
    <div className="app">
      <Toolbar
        api={client}
        host={host}
        hiddenColumns={view.hiddenColumns}
        onToggleColumn={view.toggleColumn}
        onUpload={upload}
        onError={reportError}
        extra={
          <>
            <ExportMenu client={client} query={query} gridApi={gridApi} onError={reportError} />
            <button type="button" aria-pressed={showFacets} onClick={() => setShowFacets(!showFacets)} data-testid="facets-toggle" title="Show or hide the facet panel">
              Facets
            </button>
            <BookmarksMenu
              api={client}
              sources={sources}
              onlyBookmarked={view.onlyBookmarked}
              onOnlyBookmarked={view.setOnlyBookmarked}
              onShow={(id) => setSelected(id)}
              onError={reportError}
            />
            <SessionsMenu
              api={client}
              onRestored={(restored) => {
                applyView(restored.session.view);
                if (restored.missing.length > 0) reportError(`Not found any more, left out: ${restored.missing.join(', ')}`);
              }}
              onError={reportError}
            />
          </>
        }
      />
      <SourceBar
        api={client}
        sources={sources}
        watches={watches}
        hiddenSourceIds={view.hiddenSourceIds}
        onToggleShown={view.toggleSource}
        onClose={(id) => client.closeSource(id).catch((e: unknown) => reportError(String(e)))}
        onUnwatch={(id) => client.unwatchFolder(id).catch((e: unknown) => reportError(String(e)))}
        onError={reportError}
      />
      <FilterBar
        counts={counts}
        hiddenLevels={view.hiddenLevels}
        onToggleLevel={view.toggleLevel}
        search={<SearchBox text={text} chips={chips} onText={view.setText} onChips={view.setChips} inputRef={searchRef} />}
      />
      {error && (
        <div className="error-banner" role="alert">
          {/* Errors name files and quote their content. */}
          <VisibleText text={error} />
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
          <>
            {showFacets && <FacetPanel client={client} query={query} dataVersion={dataVersion} onChip={(chip) => view.setChips((current) => addChip(current, chip.search, chip.exclude))} />}
            <div className="grid-column">
              <Timeline client={client} query={query} dataVersion={dataVersion} range={range} onRange={view.setRange} />
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
            </div>
          </>
        )}
        {selected !== null && (
          <DetailPane
            api={client}
            eventId={selected}
            dataVersion={dataVersion}
            kbRules={kb.rules}
            onMarkBenign={() => void markBenign(selected).catch(reportError)}
            onClose={() => setSelected(null)}
            highlight={highlight}
            onPrev={() => move('prev')}
            onNext={() => move('next')}
            onToggleBookmark={() => withSelected(toggleBookmark)}
            onEditComment={() => withSelected(editComment)}
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
          onToggleBookmark={() => {
            setRowMenu(null);
            toggleBookmark(rowMenu.row);
          }}
          onComment={() => {
            setRowMenu(null);
            editComment(rowMenu.row);
          }}
        />
      )}
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
      {commenting && (
        <CommentDialog
          summary={commenting.summary}
          initial={commenting.initial}
          onCancel={() => setCommenting(null)}
          onSave={(comment) => {
            const { eventId } = commenting;
            setCommenting(null);
            client.setBookmark(eventId, comment).catch((e: unknown) => reportError(e instanceof Error ? e.message : String(e)));
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
        <LoadProgress sources={sources} />
        {hasLive && <FollowControls view={follow} />}
        <HiddenSummary counts={counts} kb={kb} showHidden={view.showHidden} onShowHidden={view.setShowHidden} onManageRules={() => setManagingRules(true)} />
      </footer>
    </div>
  );
}
