/**
 * The engine: a session of sources, their ingest, the store and the queries the UI runs.
 *
 * Node-only and free of Electron, so the same engine runs inside Electron's main process, behind
 * `logsift serve`, and under the CLI. Hosts add what only they can do (a native dialog) to make
 * the full `LogsiftApi`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { FormatInfo, LogsiftApi, LogsiftEventName, LogsiftEvents, ReadOptions } from '../../shared/api';
import type { KbRule } from '../../shared/kb/rule-schema';
import type { KbState } from '../../shared/model/kb';
import type { WatchInfo, WatchOptions } from '../../shared/model/watch';
import type { ExportRequest, ExportResult } from '../../shared/model/export';
import type { EventDetail, SourceInfo } from '../../shared/model/log-event';
import type { EventCounts, EventPage, EventQuery, PageRequest } from '../../shared/model/query';
import { ChangeEmitter } from './emitter';
import { allFormats } from './formats/registry';
import { readRecordText } from './ingest/read-record-text';
import type { ReadSourceOptions } from './ingest/read-source';
import { RecentFiles } from './recent-files';
import { EventStore } from './store/event-store';
import { KbService } from './kb/kb-service';
import { ExportService } from './export/export-service';
import { expandFolders } from './source-loading';
import { SourceRegistry } from './source-registry';
import { tailHost } from './tail-host';
import { TailService } from './tail/tail-service';
import type { Bookmark, FacetResult, Histogram, Session, SessionSummary, SessionView } from '../../shared/model/triage';
import { Triage } from './triage';

/** The methods every host gets from the engine as they are. */
export type EngineApi = Omit<LogsiftApi, 'getHostInfo' | 'openFileDialog' | 'watchFolderDialog' | 'exportView'>;

export interface EngineOptions {
  /** Compiled ingest worker script. */
  workerScript: string;
  /** Where the recent-files list lives. */
  userDataDir: string;
  /**
   * Memory limits of each file's reader thread; unset: V8's defaults. A reader past its limit fails
   * its own file only (the crash tests set a small one).
   */
  readerLimits?: ResourceLimits;
}

export interface OpenOptions extends ReadSourceOptions {
  /** Open the files inside a folder (the app) or report the folder as an error (the CLI). */
  expandDirectories: boolean;
}

export class Engine implements EngineApi {
  /** Private folder for extracted archive members; removed on close. */
  private readonly workDir = mkdtempSync(join(tmpdir(), 'logsift-session-'));
  private readonly emitter = new ChangeEmitter();
  private readonly recent: RecentFiles;

  private readonly kb: KbService;
  private readonly sources: SourceRegistry;
  private readonly tail: TailService | undefined;
  private readonly exports: ExportService;
  private readonly triage: Triage;

  private constructor(
    private readonly store: EventStore,
    options: EngineOptions,
    createKb: (announce: (reclassifying: boolean) => void) => KbService,
  ) {
    this.recent = new RecentFiles(options.userDataDir);
    this.kb = createKb((reclassifying) => {
      if (reclassifying) this.tail?.rulesChanged();
      this.emitter.emit('kbChanged', { reclassifying });
      this.sources.announceEvents();
    });
    this.sources = new SourceRegistry({
      store,
      kb: this.kb,
      emitter: this.emitter,
      workerScript: options.workerScript,
      readerLimits: options.readerLimits,
      workDir: this.workDir,
      sourceLoaded: (source) => this.triage.bookmarks.sourceLoaded(source),
      rowsStored: (sourceIds) => this.triage.bookmarks.rowsStored(sourceIds),
    });
    this.exports = new ExportService({
      store,
      labelOf: (sourceId) => this.sources.labelOf(sourceId),
      rules: () => new Map(this.kb.entries().map(({ rule }) => [rule.id, rule])),
      progress: (progress) => this.emitter.emit('exportProgress', progress),
    });
    this.triage = new Triage({ store, userDataDir: options.userDataDir, sources: this.sources, sessionHost: this });
    const tailScript = TailService.scriptBeside(options.workerScript);
    const host = tailHost({ sources: this.sources, store, bookmarks: this.triage.bookmarks, kb: this.kb, emitter: this.emitter });
    this.tail = tailScript ? new TailService(tailScript, this.workDir, host) : undefined;
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
    const { expandDirectories: _expand, ...readOptions } = options;
    const named = await expandFolders(paths.map((p) => resolve(p)), options.expandDirectories);
    const opened = await this.sources.openFiles(named, readOptions);
    const openable = [];
    for (const path of named) if ((await stat(path).catch(() => undefined))?.isFile()) openable.push(path);
    if (openable.length > 0) await this.recent.add(openable);
    this.sources.announceSources();
    return opened.map((source) => ({ ...source }));
  }

  /** Resolves once every file opened so far has finished loading (or failed) and is classified. */
  async whenIdle(): Promise<void> {
    await this.sources.whenLoaded();
    await this.kb.settled();
  }

  async listSources(): Promise<SourceInfo[]> {
    return this.sources.snapshot();
  }

  async queryEvents(request: PageRequest): Promise<EventPage> {
    return this.store.page(request.query, request.offset, request.limit);
  }

  async countEvents(query: EventQuery): Promise<EventCounts> {
    return this.store.counts(query);
  }

  async getEvent(id: number): Promise<EventDetail | null> {
    const detail = await this.store.get(id, (sourceId) => this.sources.labelOf(sourceId));
    if (detail && detail.raw === '' && !detail.unparsed) {
      // Binary formats render a record's full text only when it is looked at.
      const readPath = this.sources.readPathOf(detail.sourceId);
      const text = readPath ? await readRecordText(readPath, detail.format, detail.line).catch(() => undefined) : undefined;
      detail.raw = text ?? '(the record could not be read again from the file)';
    }
    return detail;
  }

  /** Entries stored after row `id`, in arrival order (`logsift tail`); `raw` only for unparsed rows. */
  async eventsAfter(id: number, limit: number): Promise<EventDetail[]> {
    return this.store.after(id, limit, (sourceId) => this.sources.labelOf(sourceId));
  }

  /** The id of the newest stored row (-1 when none). */
  async lastEventId(): Promise<number> {
    return this.store.lastId();
  }

  async getFacets(query: EventQuery, limit: number): Promise<FacetResult[]> {
    return this.triage.facets(query, limit);
  }

  async getHistogram(query: EventQuery, buckets: number): Promise<Histogram> {
    return this.triage.histogram(query, buckets);
  }

  async setSourceClockOffset(sourceId: number, offsetMs: number): Promise<void> {
    await this.triage.setClockOffset(sourceId, offsetMs);
  }

  async setBookmark(eventId: number, comment: string): Promise<Bookmark> {
    return this.triage.setBookmark(eventId, comment);
  }

  async removeBookmark(eventId: number): Promise<void> {
    await this.triage.removeBookmark(eventId);
  }

  async listBookmarks(): Promise<Bookmark[]> {
    return this.triage.listBookmarks();
  }

  async saveSession(view: SessionView): Promise<void> {
    await this.triage.saveSession(view);
  }

  async listSessions(): Promise<SessionSummary[]> {
    return this.triage.listSessions();
  }

  async restoreSession(id: string): Promise<{ session: Session; missing: string[] } | null> {
    return this.triage.restoreSession(id);
  }

  /** Opened sources (not files followed in watched folders), with the path each was opened by. */
  openedSources(): { source: SourceInfo; openedPath: string }[] {
    return this.sources.openedSources();
  }

  async closeSource(sourceId: number): Promise<void> {
    if (!this.sources.remove(sourceId)) return;
    this.tail?.forget(sourceId);
    this.triage.bookmarks.forget(sourceId);
    await this.store.removeSource(sourceId);
    await this.store.forgetSource(sourceId);
    // Fewer entries can bring a burst back under its guard.
    this.kb.batchStored();
    this.sources.announceAll();
  }

  async listFormats(): Promise<FormatInfo[]> {
    return allFormats().map((plugin) => ({ id: plugin.id, label: plugin.label }));
  }

  async reopenSource(sourceId: number, options: ReadOptions): Promise<SourceInfo> {
    return this.sources.reread(sourceId, options);
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
    this.triage.close();
    this.sources.close();
    this.kb.stop();
    this.tail?.close();
    this.store.close();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /**
   * Called right after each store of new entries, without the UI's coalescing delay: for
   * `logsift tail`, which prints rows as soon as they can be read. Not part of the UI contract.
   */
  onStored(listener: () => void): () => void {
    return this.sources.onStored(listener);
  }
}
