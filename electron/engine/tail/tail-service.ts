/**
 * Watched folders, engine side: starts the tail worker on first use, turns the files it follows
 * into sources, stores what they gain, and keeps each source's live state (following, gone,
 * unreadable, with what happened to the file) for the UI.
 */
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { SourceInfo } from '../../../shared/model/log-event';
import type { WatchInfo, WatchOptions } from '../../../shared/model/watch';
import type { ReadSourceOptions } from '../ingest/read-source';
import type { SpooledBatch } from '../ingest/spool';
import type { TailCommand, TailEvent, TailWorkerData } from './tail-protocol';

/** What the service needs from the engine. */
export interface TailHost {
  /** A new source for a followed file. */
  addLiveSource(path: string, watchId: number): SourceInfo;
  /** Stores batches of one or more sources' entries, in the order given. */
  store(items: { source: SourceInfo; batch: SpooledBatch }[]): Promise<void>;
  sourcesChanged(): void;
  /** A followed file was renamed in place: its source keeps its id under the new name. */
  sourceRenamed(source: SourceInfo): void;
  watchesChanged(watches: WatchInfo[]): void;
  kbRules(): RuleEntry[];
}

/** Stores of followed files' batches start at most this often. */
const STORE_EVERY_MS = 50;

/** How many notes a source keeps about what happened to its file. */
const MAX_NOTES = 20;

export const DEFAULT_WATCH_OPTIONS: WatchOptions = { recursive: true, include: [], exclude: [], polling: false };

export class TailService {
  private worker: Worker | undefined;
  private readonly watches = new Map<number, WatchInfo>();
  private readonly files = new Map<number, SourceInfo>();
  private nextWatchId = 1;
  /**
   * Batches the worker sent, waiting to be stored. They are stored in the order sent; all that
   * arrived during one store go into the next (one statement for many files' batches).
   */
  private queued: { source: SourceInfo | undefined; batch: SpooledBatch }[] = [];
  private storing = false;
  private lastStore = 0;

  constructor(
    private readonly workerScript: string,
    private readonly spoolDir: string,
    private readonly host: TailHost,
  ) {}

  /** The tail worker's script, built beside the ingest worker's; undefined when it is missing. */
  static scriptBeside(ingestWorker: string): string | undefined {
    const script = join(dirname(ingestWorker), 'tail-worker.js');
    return existsSync(script) ? script : undefined;
  }

  async watch(path: string, options: Partial<WatchOptions> = {}, read: ReadSourceOptions = {}): Promise<WatchInfo> {
    const root = resolve(path);
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory()) throw new Error(`${root}: ${info ? 'is not a folder' : 'no such folder'}`);
    const existing = [...this.watches.values()].find((watch) => watch.path === root);
    if (existing) return { ...existing };
    const watch: WatchInfo = { id: this.nextWatchId++, path: root, options: { ...DEFAULT_WATCH_OPTIONS, ...options }, state: 'watching', note: null, files: 0 };
    this.watches.set(watch.id, watch);
    this.command({ type: 'watch', watchId: watch.id, root, options: watch.options, read });
    this.announceWatches();
    return { ...watch };
  }

  unwatch(watchId: number): void {
    if (!this.watches.delete(watchId)) return;
    this.command({ type: 'unwatch', watchId });
    for (const source of this.files.values()) {
      if (source.live?.watchId === watchId) source.live = { ...source.live, state: 'gone', notes: [...source.live.notes, 'no longer watched'] };
    }
    this.announceWatches();
    this.host.sourcesChanged();
  }

  list(): WatchInfo[] {
    return [...this.watches.values()].map((watch) => ({ ...watch }));
  }

  /** The KB rules changed: files followed from now on are classified with the new ones. */
  rulesChanged(): void {
    if (this.worker) this.command({ type: 'rules', kbRules: this.host.kbRules() });
  }

  /** Forgets a closed source (its file is still followed, into a new source if it grows). */
  forget(sourceId: number): void {
    for (const [key, source] of this.files) if (source.id === sourceId) this.files.delete(key);
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private command(command: TailCommand): void {
    if (!this.worker) this.worker = this.start();
    this.worker.postMessage(command);
  }

  private start(): Worker {
    const data: TailWorkerData = { spoolDir: this.spoolDir, kbRules: this.host.kbRules() };
    const worker = new Worker(this.workerScript, { workerData: data });
    worker.on('message', (event: TailEvent) => this.received(event));
    worker.on('error', (error) => {
      for (const watch of this.watches.values()) Object.assign(watch, { state: 'error', note: `the tail worker stopped: ${error.message}` });
      this.announceWatches();
    });
    return worker;
  }

  private received(event: TailEvent): void {
    switch (event.type) {
      case 'watching': {
        const watch = this.watches.get(event.watchId);
        if (!watch) return;
        Object.assign(watch, { state: event.state, note: event.note });
        this.announceWatches();
        return;
      }
      case 'file': {
        const watch = this.watches.get(event.watchId);
        if (!watch) return;
        watch.files++;
        this.files.set(event.fileKey, this.host.addLiveSource(event.path, event.watchId));
        this.announceWatches();
        this.host.sourcesChanged();
        return;
      }
      case 'detected': {
        const source = this.files.get(event.fileKey);
        if (!source) return;
        const { format, formatLabel, confidence, encoding } = event.detection;
        Object.assign(source, { format, formatLabel, confidence, encoding });
        this.host.sourcesChanged();
        return;
      }
      case 'renamed': {
        const source = this.files.get(event.fileKey);
        if (!source?.live) return;
        this.note(source, `renamed to ${event.path}`);
        source.path = event.path;
        source.name = event.path.replace(/^.*[\\/]/, '');
        this.host.sourceRenamed(source);
        this.host.sourcesChanged();
        return;
      }
      case 'state': {
        const source = this.files.get(event.fileKey);
        if (!source?.live) return;
        source.live = { ...source.live, state: event.state };
        if (event.note) this.note(source, event.note);
        this.host.sourcesChanged();
        return;
      }
      case 'spooled': {
        this.queued.push({ source: this.files.get(event.fileKey), batch: event.batch });
        if (!this.storing) void this.storeQueued();
        return;
      }
    }
  }

  private async storeQueued(): Promise<void> {
    this.storing = true;
    while (this.queued.length > 0) {
      // Each statement has a fixed cost (~5-8 ms): a file appended to every few milliseconds
      // would cost a core in statements alone. Gather at most STORE_EVERY_MS of arrivals.
      const wait = this.lastStore + STORE_EVERY_MS - Date.now();
      if (wait > 0) await new Promise((resume) => setTimeout(resume, wait));
      this.lastStore = Date.now();
      const items = this.queued;
      this.queued = [];
      const known = items.flatMap(({ source, batch }) => (source ? [{ source, batch }] : []));
      const orphans = items.flatMap(({ source, batch }) => (source ? [] : [rm(batch.path, { force: true })]));
      await Promise.all([this.host.store(known).catch(() => undefined), ...orphans]);
      for (let i = 0; i < items.length; i++) this.worker?.postMessage({ type: 'ack' } satisfies TailCommand);
    }
    this.storing = false;
  }

  private note(source: SourceInfo, note: string): void {
    if (!source.live) return;
    source.live = { ...source.live, notes: [...source.live.notes, note].slice(-MAX_NOTES) };
  }

  private announceWatches(): void {
    this.host.watchesChanged(this.list());
  }
}
