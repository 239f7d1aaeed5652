/**
 * The open sources: each one's identity and where its bytes are, reading them into the store (and
 * again, with other options), storing the batches they yield, and telling the UI what changed.
 */
import { rm } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { ReadOptions } from '../../shared/api';
import type { SourceId, SourceInfo } from '../../shared/model/log-event';
import type { ChangeEmitter } from './emitter';
import { formatById } from './formats/registry';
import { isKnownZone } from './formats/timestamps';
import { expandArchives, type SourceFile } from './ingest/containers';
import { IngestPool } from './ingest/ingest-pool';
import type { ReadSourceOptions } from './ingest/read-source';
import type { SpooledBatch } from './ingest/spool';
import type { KbService } from './kb/kb-service';
import { freshReading, loadSource } from './source-loading';
import type { EventStore } from './store/event-store';

/** A spooled batch of one source's entries, waiting to be stored. */
export interface SourceBatch {
  source: SourceInfo;
  batch: SpooledBatch;
}

/**
 * A reader's heap ceiling when none is given. Readers stream (a 1 GB file needs a few hundred MB);
 * an explicit limit makes a runaway reader fail with ERR_WORKER_OUT_OF_MEMORY, on its own file,
 * instead of leaving it to V8's process-wide defaults.
 */
const DEFAULT_READER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 4096 };

export interface SourceRegistryDeps {
  store: EventStore;
  kb: KbService;
  emitter: ChangeEmitter;
  /** Compiled ingest worker script. */
  workerScript: string;
  /** Memory limits of each file's reader thread (see IngestPoolOptions). */
  readerLimits?: ResourceLimits;
  /** Private folder for extracted archive members and spooled batches. */
  workDir: string;
  /** A source was read: its file's bookmarks can be put on the rows read. */
  sourceLoaded(source: SourceInfo): Promise<void>;
  /** Rows of these sources were stored. */
  rowsStored(sourceIds: SourceId[]): void;
}

/** Followed files must show new lines within a quarter second: changes are announced this often. */
const CHANGE_INTERVAL_MS = 100;

export class SourceRegistry {
  private readonly sources = new Map<SourceId, SourceInfo>();
  /** Where each source's bytes are: the file itself, or a member extracted from an archive. */
  private readonly readPaths = new Map<SourceId, string>();
  /** The path each opened (not followed) source was opened by: its file, or its archive. */
  private readonly openedAs = new Map<SourceId, string>();
  /** Bumped when a source is read again, so batches of an earlier read are dropped. */
  private readonly generations = new Map<SourceId, number>();
  private readonly loading = new Set<Promise<void>>();
  private readonly storedListeners = new Set<() => void>();
  private readonly pool: IngestPool;
  private nextSourceId = 1;
  private changeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SourceRegistryDeps) {
    this.pool = new IngestPool(deps.workerScript, { resourceLimits: deps.readerLimits ?? DEFAULT_READER_LIMITS });
  }

  get(sourceId: SourceId): SourceInfo | undefined {
    return this.sources.get(sourceId);
  }

  all(): Iterable<SourceInfo> {
    return this.sources.values();
  }

  /** Copies of the sources, safe to hand out. */
  snapshot(): SourceInfo[] {
    return [...this.sources.values()].map((source) => ({ ...source, errors: [...source.errors] }));
  }

  readPathOf(sourceId: SourceId): string | undefined {
    return this.readPaths.get(sourceId);
  }

  /** False for archive members, which are extracted into the private work folder. */
  isOnDisk(sourceId: SourceId): boolean {
    return !(this.readPaths.get(sourceId) ?? '').startsWith(join(this.deps.workDir, sep));
  }

  labelOf(sourceId: SourceId): { file: string; format: string } {
    const source = this.sources.get(sourceId);
    return { file: source?.path ?? '', format: source?.format ?? '' };
  }

  /** Opens the files named (archives: their members); loading continues in the background. */
  async openFiles(paths: readonly string[], options: ReadSourceOptions): Promise<SourceInfo[]> {
    const opened: SourceInfo[] = [];
    for (const path of paths) {
      let files: SourceFile[];
      try {
        files = await expandArchives(path, this.deps.workDir);
      } catch (error) {
        const failed = this.add({ path, readPath: path });
        this.openedAs.set(failed.id, path);
        failed.status = 'error';
        failed.errors.push(error instanceof Error ? error.message : String(error));
        opened.push(failed);
        continue;
      }
      for (const file of files) {
        const source = this.add(file);
        this.openedAs.set(source.id, path);
        opened.push(source);
        this.track(this.load(source, options));
      }
    }
    return opened;
  }

  /** Opened sources (not files followed in watched folders), with the path each was opened by. */
  openedSources(): { source: SourceInfo; openedPath: string }[] {
    return [...this.sources.values()].flatMap((source) => {
      const openedPath = this.openedAs.get(source.id);
      return openedPath !== undefined && source.live === null ? [{ source, openedPath }] : [];
    });
  }

  /** Reads a source again with other options; its rows so far are removed. */
  async reread(sourceId: SourceId, options: ReadOptions): Promise<SourceInfo> {
    const source = this.sources.get(sourceId);
    if (!source) throw new Error(`No open source with id ${sourceId}.`);
    if (options.format && !formatById(options.format)) throw new Error(`No format called "${options.format}".`);
    if (options.timeZone && !isKnownZone(options.timeZone)) throw new Error(`Unknown time zone "${options.timeZone}".`);
    this.generations.set(sourceId, (this.generations.get(sourceId) ?? 0) + 1);
    await this.deps.store.removeSource(sourceId);
    Object.assign(source, freshReading({ ...options }));
    this.track(this.load(source, options));
    this.announceAll();
    return { ...source };
  }

  /** Forgets a source (its rows stay for the caller to remove); false when it was not open. */
  remove(sourceId: SourceId): boolean {
    if (!this.sources.delete(sourceId)) return false;
    this.openedAs.delete(sourceId);
    return true;
  }

  add(file: SourceFile): SourceInfo {
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
    void this.deps.store.registerSource(source.id, source.name);
    this.readPaths.set(source.id, file.readPath);
    return source;
  }

  /** Keeps `whenLoaded` waiting until `promise` settles. */
  track(promise: Promise<void>): void {
    this.loading.add(promise);
    void promise.finally(() => this.loading.delete(promise));
  }

  /** Resolves once every load tracked so far (and any started meanwhile) has settled. */
  async whenLoaded(): Promise<void> {
    while (this.loading.size > 0) await Promise.allSettled([...this.loading]);
  }

  /** Stores spooled batches (of one or more sources) in one statement, and removes their files. */
  async storeBatches(items: readonly SourceBatch[]): Promise<void> {
    try {
      const open = items.filter(({ source }) => this.sources.has(source.id));
      if (open.length === 0) return;
      // The offset is read as the insert is queued (see clock-offset.ts).
      await this.deps.store.appendSpooledMany(open.map(({ source, batch }) => ({ sourceId: source.id, batch, clockOffsetMs: source.clockOffsetMs })));
      for (const { source, batch } of open) {
        source.events += batch.events;
        source.unparsed += batch.unparsed;
      }
      if (open.some(({ batch }) => batch.classified > 0)) this.deps.kb.batchStored();
      this.deps.rowsStored(open.map(({ source }) => source.id));
      for (const listener of this.storedListeners) listener();
      this.scheduleChange();
    } finally {
      await Promise.all(items.map(({ batch }) => rm(batch.path, { force: true })));
    }
  }

  /** Called right after each store of new entries, without the coalescing of `scheduleChange`. */
  onStored(listener: () => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /** Coalesces change notifications while files load: the UI re-pulls at most every CHANGE_INTERVAL_MS. */
  scheduleChange(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.announceAll();
    }, CHANGE_INTERVAL_MS);
  }

  announceAll(): void {
    this.announceSources();
    this.announceEvents();
  }

  announceSources(): void {
    this.deps.emitter.emit('sourcesChanged', [...this.sources.values()].map((source) => ({ ...source })));
  }

  announceEvents(): void {
    const all = [...this.sources.values()].reduce((sum, source) => sum + source.events + source.unparsed, 0);
    this.deps.emitter.emit('eventsChanged', { all, version: this.deps.store.version });
  }

  /** Stops a pending change announcement. */
  close(): void {
    clearTimeout(this.changeTimer);
  }

  /** Reads a source, then puts its file's bookmarks on the rows read. */
  private async load(source: SourceInfo, options: ReadSourceOptions): Promise<void> {
    await loadSource(
      {
        pool: this.pool,
        kb: this.deps.kb,
        workDir: this.deps.workDir,
        readPath: this.readPaths.get(source.id) ?? source.path,
        generation: this.generations.get(source.id) ?? 0,
        isCurrent: (generation) => this.sources.has(source.id) && (this.generations.get(source.id) ?? 0) === generation,
        storeBatch: (batch) => this.storeBatches([{ source, batch }]),
        changed: () => this.scheduleChange(),
        announce: () => this.announceAll(),
      },
      source,
      options,
    );
    await this.deps.sourceLoaded(source);
  }
}
