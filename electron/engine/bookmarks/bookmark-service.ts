/**
 * Bookmarks: the user's marks on entries, saved per file in a sidecar (sidecar-file.ts) and shown
 * in the rows' `bookmark` column. A file's bookmarks are known by line, so they come back whenever
 * the file is read: opened again, read with other options, restored with a session, or — for a
 * followed file — as its lines arrive. Sources of the same file share its bookmarks.
 *
 * Paths only ever come from the engine's own sources, never from the renderer.
 */
import type { SourceInfo } from '../../../shared/model/log-event';
import type { Bookmark } from '../../../shared/model/triage';
import type { EventStore } from '../store/event-store';
import { BookmarkQueries } from './bookmark-queries';
import { readSidecar, sidecarPlace, writeSidecar, type SidecarBookmark, type SidecarPlace } from './sidecar-file';

export interface BookmarkHost {
  store: EventStore;
  userDataDir: string;
  source(sourceId: number): SourceInfo | undefined;
  sources(): Iterable<SourceInfo>;
  /** False for archive members: their path names no folder a sidecar could be written to. */
  isOnDisk(sourceId: number): boolean;
  /** Rows were bookmarked or a source's problems changed, not at the user's request: announce. */
  changed(): void;
}

/** One file's bookmarks, as its sidecar holds them. */
interface FileBookmarks {
  path: string;
  place: SidecarPlace;
  byLine: Map<number, SidecarBookmark>;
  /** Why the sidecar was refused (it is then never written), or null. */
  problem: string | null;
}

/** A followed file's bookmarks whose lines have not been stored yet. */
interface Waiting {
  lines: Set<number>;
  lastTry: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * How often a followed file's waiting bookmarks are looked for: each look reads the source's
 * rows, and a line that never comes (the file was replaced) must not cost a read per store.
 */
const WAITING_RETRY_MS = 1000;

export class BookmarkService {
  private readonly queries: BookmarkQueries;
  /** By the file's path: read once, then kept in step with what is saved. */
  private readonly files = new Map<string, Promise<FileBookmarks>>();
  /** The path each source's bookmarks were read for (a followed file may be renamed since). */
  private readonly pathOf = new Map<number, string>();
  /** Saves in progress, by path: a save waits for the one before, a read again for both. */
  private readonly saving = new Map<string, Promise<unknown>>();
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly host: BookmarkHost) {
    this.queries = new BookmarkQueries(host.store);
  }

  /** A source finished loading: its file's bookmarks are applied, or its sidecar's problem noted. */
  async sourceLoaded(source: SourceInfo): Promise<void> {
    const stillLoaded = () => this.host.source(source.id) === source && source.status === 'ready';
    if (!stillLoaded()) return;
    try {
      // A refused sidecar is looked at again each time the file is read: the user may have fixed it.
      const path = this.pathOf.get(source.id) ?? source.path;
      if ((await this.files.get(path))?.problem) this.files.delete(path);
      const file = await this.fileOf(source);
      if (!stillLoaded()) return;
      if (file.problem !== null) return this.note(source, file.problem);
      if (file.byLine.size === 0) return;
      const bookmarks = [...file.byLine.values()];
      await this.queries.apply(source.id, bookmarks);
      const found = await this.queries.bookmarkedMessages(source.id);
      const absent = bookmarks.filter(({ line }) => !found.has(line)).length;
      const changed = bookmarks.filter(({ line, message }) => found.has(line) && found.get(line) !== message).length;
      if (absent > 0) {
        this.note(source, `${source.path}: ${plural(absent, 'bookmark is', 'bookmarks are')} on lines the file no longer has (it changed since); they are kept`);
      }
      if (changed > 0) {
        this.note(source, `${source.path}: ${plural(changed, 'bookmarked entry reads', 'bookmarked entries read')} differently than when bookmarked (the file changed since, or it is read another way)`);
      }
      this.host.changed();
    } catch (error) {
      this.note(source, `${source.path}: its bookmarks could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A followed file became a source: its bookmarks wait for their lines (see rowsStored). */
  async liveSourceAdded(source: SourceInfo): Promise<void> {
    try {
      const file = await this.fileOf(source);
      if (this.host.source(source.id) !== source) return;
      if (file.problem !== null) return this.note(source, file.problem);
      if (file.byLine.size === 0) return;
      this.waiting.set(source.id, { lines: new Set(file.byLine.keys()), lastTry: 0, timer: undefined });
      await this.tryWaiting(source.id);
    } catch (error) {
      this.note(source, `${source.path}: its bookmarks could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Rows of these sources were stored: look for their waiting bookmarks' lines (soon, not at once). */
  rowsStored(sourceIds: Iterable<number>): void {
    for (const sourceId of sourceIds) {
      const waiting = this.waiting.get(sourceId);
      if (!waiting || waiting.timer) continue;
      waiting.timer = setTimeout(
        () => {
          waiting.timer = undefined;
          void this.tryWaiting(sourceId).catch(() => undefined);
        },
        Math.max(0, waiting.lastTry + WAITING_RETRY_MS - Date.now()),
      );
    }
  }

  /** Bookmarks an entry (or changes its comment) and saves its file's bookmarks. */
  async set(eventId: number, comment: string): Promise<Bookmark> {
    const target = await this.queries.target(eventId);
    if (!target) throw new Error(`No entry with id ${eventId}.`);
    const source = this.host.source(target.sourceId);
    if (!source) throw new Error(`Entry ${eventId} belongs to no open source.`);
    const file = await this.fileOf(source);
    if (file.problem !== null) throw new Error(file.problem);
    const created = file.byLine.get(target.line)?.created ?? new Date().toISOString();
    file.byLine.set(target.line, { line: target.line, comment, created, message: target.message });
    this.waiting.get(source.id)?.lines.delete(target.line);
    await this.queries.mark(this.sourcesOf(file.path), target.line, comment);
    await this.save(file);
    return { eventId, sourceId: target.sourceId, line: target.line, comment };
  }

  /** Removes an entry's bookmark (nothing to do for an entry that is gone or not bookmarked). */
  async remove(eventId: number): Promise<void> {
    const target = await this.queries.target(eventId);
    const source = target ? this.host.source(target.sourceId) : undefined;
    if (!target || !source) return;
    const file = await this.fileOf(source);
    if (file.problem !== null) throw new Error(file.problem);
    const removed = file.byLine.delete(target.line);
    this.waiting.get(source.id)?.lines.delete(target.line);
    await this.queries.mark(this.sourcesOf(file.path), target.line, null);
    if (removed) await this.save(file);
  }

  list(): Promise<Bookmark[]> {
    return this.queries.list();
  }

  /** A source was closed (its rows are gone); its file's bookmarks are read afresh next time. */
  forget(sourceId: number): void {
    clearTimeout(this.waiting.get(sourceId)?.timer);
    this.waiting.delete(sourceId);
    const path = this.pathOf.get(sourceId);
    this.pathOf.delete(sourceId);
    if (path !== undefined && this.sourcesOf(path).length === 0) this.files.delete(path);
  }

  close(): void {
    for (const waiting of this.waiting.values()) clearTimeout(waiting.timer);
    this.waiting.clear();
  }

  private fileOf(source: SourceInfo): Promise<FileBookmarks> {
    const path = this.pathOf.get(source.id) ?? source.path;
    this.pathOf.set(source.id, path);
    let file = this.files.get(path);
    if (!file) {
      file = this.read(path, sidecarPlace(path, this.host.isOnDisk(source.id), this.host.userDataDir));
      this.files.set(path, file);
    }
    return file;
  }

  private async read(path: string, place: SidecarPlace): Promise<FileBookmarks> {
    // Closed and opened again while a save was still being written: read what it wrote.
    await this.saving.get(path)?.catch(() => undefined);
    const content = await readSidecar(place);
    return { path, place, problem: content.problem, byLine: new Map((content.bookmarks ?? []).map((bookmark) => [bookmark.line, bookmark])) };
  }

  /** Writes what the file's bookmarks are now, after any save still running for it. */
  private async save(file: FileBookmarks): Promise<void> {
    const before = this.saving.get(file.path) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(() => writeSidecar(file.place, file.path, [...file.byLine.values()]));
    this.saving.set(file.path, run);
    try {
      await run;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`The bookmark is set for now but could not be saved, neither beside ${file.path} nor in ${file.place.fallback}: ${reason}`);
    } finally {
      if (this.saving.get(file.path) === run) this.saving.delete(file.path);
    }
  }

  /** Applies the waiting bookmarks whose lines a followed file's source has now. */
  private async tryWaiting(sourceId: number): Promise<void> {
    const waiting = this.waiting.get(sourceId);
    const path = this.pathOf.get(sourceId);
    const file = path === undefined ? undefined : await this.files.get(path);
    if (!waiting || !file) return;
    waiting.lastTry = Date.now();
    const arrived = await this.queries.storedLines(sourceId, [...waiting.lines]);
    if (arrived.size === 0) return;
    for (const line of arrived) waiting.lines.delete(line);
    if (waiting.lines.size === 0 && this.waiting.get(sourceId) === waiting) this.waiting.delete(sourceId);
    const bookmarks = [...arrived].flatMap((line) => file.byLine.get(line) ?? []);
    await this.queries.apply(sourceId, bookmarks);
    this.host.changed();
  }

  /** The open sources of a file (it may be open more than once). */
  private sourcesOf(path: string): number[] {
    return [...this.host.sources()].filter((source) => (this.pathOf.get(source.id) ?? source.path) === path).map((source) => source.id);
  }

  private note(source: SourceInfo, problem: string): void {
    if (!source.errors.includes(problem)) source.errors.push(problem);
    this.host.changed();
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
