/**
 * The engine: a session of sources, their ingest, the store and the queries the UI runs.
 *
 * Node-only and free of Electron, so the same engine runs inside Electron's main process, behind
 * `logsift serve`, and under the CLI. Hosts add what only they can do (a native dialog) to make
 * the full `LogsiftApi`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { FormatInfo, LogsiftApi, LogsiftEventName, LogsiftEvents, ReadOptions } from '../../shared/api';
import type { KbRule } from '../../shared/kb/rule-schema';
import type { KbState } from '../../shared/model/kb';
import type { WatchInfo, WatchOptions } from '../../shared/model/watch';
import type { ExportRequest, ExportResult } from '../../shared/model/export';
import type { EventDetail, SourceId, SourceInfo } from '../../shared/model/log-event';
import type { EventCounts, EventPage, EventQuery, PageRequest } from '../../shared/model/query';
import { ChangeEmitter } from './emitter';
import { allFormats, formatById } from './formats/registry';
import { isKnownZone } from './formats/timestamps';
import { expandArchives, type SourceFile } from './ingest/containers';
import { IngestPool } from './ingest/ingest-pool';
import { readRecordText } from './ingest/read-record-text';
import type { ReadSourceOptions } from './ingest/read-source';
import type { SpooledBatch } from './ingest/spool';
import { RecentFiles } from './recent-files';
import { EventStore } from './store/event-store';
import { KbService } from './kb/kb-service';
import { ExportService } from './export/export-service';
import { expandFolders, freshReading, loadSource } from './source-loading';
import { TailService, type TailHost } from './tail/tail-service';
import { InsightQueries } from './store/insight-queries';
import type { Bookmark, FacetResult, Histogram, Session, SessionSummary, SessionView } from '../../shared/model/triage';

/** The methods every host gets from the engine as they are. */
export type EngineApi = Omit<LogsiftApi, 'getHostInfo' | 'openFileDialog' | 'watchFolderDialog' | 'exportView'>;

export interface EngineOptions {
  /** Compiled ingest worker script. */
  workerScript: string;
  /** Where the recent-files list lives. */
  userDataDir: string;
}

export interface OpenOptions extends ReadSourceOptions {
  /** Open the files inside a folder (the app) or report the folder as an error (the CLI). */
  expandDirectories: boolean;
}

/** Followed files must show new lines within a quarter second: changes are announced this often. */
const CHANGE_INTERVAL_MS = 100;

export class Engine implements EngineApi {
  private readonly sources = new Map<SourceId, SourceInfo>();
  /** Where each source's bytes are: the file itself, or a member extracted from an archive. */
  private readonly readPaths = new Map<SourceId, string>();
  /** Bumped when a source is read again, so batches of an earlier read are dropped. */
  private readonly generations = new Map<SourceId, number>();
  /** Private folder for extracted archive members; removed on close. */
  private readonly workDir = mkdtempSync(join(tmpdir(), 'logsift-session-'));
  private readonly loading = new Set<Promise<void>>();
  private readonly emitter = new ChangeEmitter();
  private readonly storedListeners = new Set<() => void>();
  private readonly pool: IngestPool;
  private readonly recent: RecentFiles;
  private nextSourceId = 1;
  private changeTimer: NodeJS.Timeout | undefined;

  private readonly kb: KbService;
  private readonly tail: TailService | undefined;
  private readonly exports: ExportService;
  private readonly insights: InsightQueries;

  private constructor(
    private readonly store: EventStore,
    options: EngineOptions,
    createKb: (announce: (reclassifying: boolean) => void) => KbService,
  ) {
    this.pool = new IngestPool(options.workerScript);
    this.recent = new RecentFiles(options.userDataDir);
    this.kb = createKb((reclassifying) => {
      if (reclassifying) this.tail?.rulesChanged();
      this.emitter.emit('kbChanged', { reclassifying });
      this.announceEvents();
    });
    this.exports = new ExportService({
      store,
      labelOf: (sourceId) => this.labelOf(sourceId),
      rules: () => new Map(this.kb.entries().map(({ rule }) => [rule.id, rule])),
      progress: (progress) => this.emitter.emit('exportProgress', progress),
    });
    this.insights = new InsightQueries(store, (sourceId) => this.sources.get(sourceId)?.name ?? `source ${sourceId}`);
    const tailScript = TailService.scriptBeside(options.workerScript);
    this.tail = tailScript ? new TailService(tailScript, this.workDir, this.tailHost()) : undefined;
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const store = await EventStore.create();
    let announce: (reclassifying: boolean) => void = () => undefined;
    const kb = await KbService.create(options.userDataDir, store, (reclassifying) => announce(reclassifying));
    return new Engine(store, options, (announcer) => {
      announce = announcer;
      return kb;
    });
  }

  on<K extends LogsiftEventName>(event: K, listener: (payload: LogsiftEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /** Opens files (and, if asked, the files in folders); loading continues in the background. */
  async openPaths(paths: readonly string[], options: OpenOptions): Promise<SourceInfo[]> {
    const opened: SourceInfo[] = [];
    const { expandDirectories: _expand, ...readOptions } = options;
    const named = await expandFolders(paths.map((p) => resolve(p)), options.expandDirectories);
    for (const path of named) {
      let files: SourceFile[];
      try {
        files = await expandArchives(path, this.workDir);
      } catch (error) {
        const failed = this.addSource({ path, readPath: path });
        failed.status = 'error';
        failed.errors.push(error instanceof Error ? error.message : String(error));
        opened.push(failed);
        continue;
      }
      for (const file of files) {
        const source = this.addSource(file);
        opened.push(source);
        this.track(this.load(source, readOptions));
      }
    }
    const openable = [];
    for (const path of named) if ((await stat(path).catch(() => undefined))?.isFile()) openable.push(path);
    if (openable.length > 0) await this.recent.add(openable);
    this.announceSources();
    return opened.map((source) => ({ ...source }));
  }

  /** Resolves once every file opened so far has finished loading (or failed) and is classified. */
  async whenIdle(): Promise<void> {
    while (this.loading.size > 0) await Promise.allSettled([...this.loading]);
    await this.kb.settled();
  }

  async listSources(): Promise<SourceInfo[]> {
    return [...this.sources.values()].map((source) => ({ ...source, errors: [...source.errors] }));
  }

  async queryEvents(request: PageRequest): Promise<EventPage> {
    return this.store.page(request.query, request.offset, request.limit);
  }

  async countEvents(query: EventQuery): Promise<EventCounts> {
    return this.store.counts(query);
  }

  async getEvent(id: number): Promise<EventDetail | null> {
    const detail = await this.store.get(id, (sourceId) => this.labelOf(sourceId));
    if (detail && detail.raw === '' && !detail.unparsed) {
      // Binary formats render a record's full text only when it is looked at.
      const readPath = this.readPaths.get(detail.sourceId);
      const text = readPath ? await readRecordText(readPath, detail.format, detail.line).catch(() => undefined) : undefined;
      detail.raw = text ?? '(the record could not be read again from the file)';
    }
    return detail;
  }

  /** Entries stored after row `id`, in arrival order (`logsift tail`); `raw` only for unparsed rows. */
  async eventsAfter(id: number, limit: number): Promise<EventDetail[]> {
    return this.store.after(id, limit, (sourceId) => this.labelOf(sourceId));
  }

  /** The id of the newest stored row (-1 when none). */
  async lastEventId(): Promise<number> {
    return this.store.lastId();
  }

  private labelOf(sourceId: SourceId): { file: string; format: string } {
    const source = this.sources.get(sourceId);
    return { file: source?.path ?? '', format: source?.format ?? '' };
  }

  async getFacets(query: EventQuery, limit: number): Promise<FacetResult[]> {
    return this.insights.facets(query, limit);
  }

  async getHistogram(query: EventQuery, buckets: number): Promise<Histogram> {
    return this.insights.histogram(query, buckets);
  }

  async setSourceClockOffset(sourceId: number, offsetMs: number): Promise<void> {
    void sourceId;
    void offsetMs;
    throw new Error('Clock offsets are not built yet.');
  }

  async setBookmark(eventId: number, comment: string): Promise<Bookmark> {
    void eventId;
    void comment;
    throw new Error('Bookmarks are not built yet.');
  }

  async removeBookmark(eventId: number): Promise<void> {
    void eventId;
    throw new Error('Bookmarks are not built yet.');
  }

  async listBookmarks(): Promise<Bookmark[]> {
    return [];
  }

  async saveSession(view: SessionView): Promise<void> {
    void view;
  }

  async listSessions(): Promise<SessionSummary[]> {
    return [];
  }

  async restoreSession(id: string): Promise<{ session: Session; missing: string[] } | null> {
    void id;
    return null;
  }

  async closeSource(sourceId: number): Promise<void> {
    if (!this.sources.delete(sourceId)) return;
    this.tail?.forget(sourceId);
    await this.store.removeSource(sourceId);
    // Fewer entries can bring a burst back under its guard.
    this.kb.batchStored();
    this.announceSources();
    this.announceEvents();
  }

  async listFormats(): Promise<FormatInfo[]> {
    return allFormats().map((plugin) => ({ id: plugin.id, label: plugin.label }));
  }

  async reopenSource(sourceId: number, options: ReadOptions): Promise<SourceInfo> {
    const source = this.sources.get(sourceId);
    if (!source) throw new Error(`No open source with id ${sourceId}.`);
    if (options.format && !formatById(options.format)) throw new Error(`No format called "${options.format}".`);
    if (options.timeZone && !isKnownZone(options.timeZone)) throw new Error(`Unknown time zone "${options.timeZone}".`);
    this.generations.set(sourceId, (this.generations.get(sourceId) ?? 0) + 1);
    await this.store.removeSource(sourceId);
    Object.assign(source, freshReading({ ...options }));
    this.track(this.load(source, options));
    this.announceSources();
    this.announceEvents();
    return { ...source };
  }

  async listRecentFiles(): Promise<string[]> {
    return this.recent.list();
  }

  async openRecentFile(path: string): Promise<SourceInfo[]> {
    if (!(await this.recent.includes(path))) throw new Error('Only files from the recent list can be reopened this way.');
    return this.openPaths([path], { expandDirectories: false });
  }

  async watchFolder(path: string, options: Partial<WatchOptions> = {}, read: ReadSourceOptions = {}): Promise<WatchInfo> {
    if (!this.tail) throw new Error('Watching folders needs the tail worker, which this build lacks (run "npm run build").');
    return this.tail.watch(path, options, read);
  }

  /** Watches the folders among `paths` and opens the rest (the command line, dropped paths). */
  async openOrWatch(paths: readonly string[]): Promise<void> {
    const files: string[] = [];
    for (const path of paths) {
      if ((await stat(path).catch(() => undefined))?.isDirectory() && this.tail) await this.watchFolder(path);
      else files.push(path);
    }
    if (files.length > 0) await this.openPaths(files, { expandDirectories: true });
  }

  async unwatchFolder(watchId: number): Promise<void> {
    this.tail?.unwatch(watchId);
  }

  async listWatches(): Promise<WatchInfo[]> {
    return this.tail?.list() ?? [];
  }

  /** Writes the view to `path` (via a temporary file); rejects when cancelled or failed. */
  async exportTo(request: ExportRequest, path: string): Promise<ExportResult> {
    await this.kb.settled();
    return this.exports.run(request, path);
  }

  async cancelExport(exportId: number): Promise<void> {
    this.exports.cancel(exportId);
  }

  async getKb(): Promise<KbState> {
    return this.kb.state();
  }

  async saveKbRule(rule: unknown): Promise<KbRule> {
    return this.kb.save(rule);
  }

  async deleteKbRule(id: string): Promise<void> {
    await this.kb.delete(id);
  }

  async setKbRuleEnabled(id: string, enabled: boolean): Promise<void> {
    await this.kb.setEnabled(id, enabled);
  }

  async exportKbRules(): Promise<string> {
    return this.kb.exportPack();
  }

  async importKbRules(packText: string): Promise<{ imported: number }> {
    return { imported: await this.kb.importPack(packText) };
  }

  close(): void {
    clearTimeout(this.changeTimer);
    this.kb.stop();
    this.tail?.close();
    this.store.close();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /** What the tail service needs: sources for followed files, and storing what they gain. */
  private tailHost(): TailHost {
    return {
      addLiveSource: (path, watchId) => {
        const source = this.addSource({ path, readPath: path });
        Object.assign(source, { status: 'ready', live: { watchId, state: 'following', notes: [] } });
        return source;
      },
      store: (items) => this.storeBatches(items),
      sourcesChanged: () => this.scheduleChange(),
      watchesChanged: (watches) => this.emitter.emit('watchesChanged', watches),
      kbRules: () => this.kb.entries(),
    };
  }

  private addSource(file: SourceFile): SourceInfo {
    const source: SourceInfo = {
      id: this.nextSourceId++,
      path: file.path,
      name: basename(file.path),
      format: null,
      formatLabel: null,
      encoding: null,
      bytesTotal: 0,
      clockOffsetMs: 0,
      ...freshReading({}),
    };
    this.sources.set(source.id, source);
    this.readPaths.set(source.id, file.readPath);
    return source;
  }

  private load(source: SourceInfo, options: ReadSourceOptions): Promise<void> {
    return loadSource(
      {
        pool: this.pool,
        kb: this.kb,
        workDir: this.workDir,
        readPath: this.readPaths.get(source.id) ?? source.path,
        generation: this.generations.get(source.id) ?? 0,
        isCurrent: (generation) => this.sources.has(source.id) && (this.generations.get(source.id) ?? 0) === generation,
        storeBatch: (batch) => this.storeBatch(source, batch),
        changed: () => this.scheduleChange(),
        announce: () => {
          this.announceSources();
          this.announceEvents();
        },
      },
      source,
      options,
    );
  }

  /** Stores a spooled batch of a source's entries, and removes its file. */
  private storeBatch(source: SourceInfo, batch: SpooledBatch): Promise<void> {
    return this.storeBatches([{ source, batch }]);
  }

  /** Stores spooled batches (of one or more sources) in one statement, and removes their files. */
  private async storeBatches(items: readonly { source: SourceInfo; batch: SpooledBatch }[]): Promise<void> {
    try {
      const open = items.filter(({ source }) => this.sources.has(source.id));
      if (open.length === 0) return;
      await this.store.appendSpooledMany(open.map(({ source, batch }) => ({ sourceId: source.id, batch })));
      for (const { source, batch } of open) {
        source.events += batch.events;
        source.unparsed += batch.unparsed;
      }
      if (open.some(({ batch }) => batch.classified > 0)) this.kb.batchStored();
      for (const listener of this.storedListeners) listener();
      this.scheduleChange();
    } finally {
      await Promise.all(items.map(({ batch }) => rm(batch.path, { force: true })));
    }
  }

  /**
   * Called right after each store of new entries, without the UI's coalescing delay: for
   * `logsift tail`, which prints rows as soon as they can be read. Not part of the UI contract.
   */
  onStored(listener: () => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  private track(promise: Promise<void>): void {
    this.loading.add(promise);
    void promise.finally(() => this.loading.delete(promise));
  }

  /** Coalesces change notifications while files load: the UI re-pulls at most every 200 ms. */
  private scheduleChange(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.announceSources();
      this.announceEvents();
    }, CHANGE_INTERVAL_MS);
  }

  private announceSources(): void {
    this.emitter.emit('sourcesChanged', [...this.sources.values()].map((source) => ({ ...source })));
  }

  private announceEvents(): void {
    const all = [...this.sources.values()].reduce((sum, source) => sum + source.events + source.unparsed, 0);
    this.emitter.emit('eventsChanged', { all, version: this.store.version });
  }
}

