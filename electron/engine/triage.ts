/**
 * The triage views over what is open: facets and the timeline histogram, clock offsets, bookmarks
 * and saved sessions. Changes the user makes here are announced like any other.
 */
import type { EventQuery } from '../../shared/model/query';
import type { Bookmark, FacetResult, Histogram, Session, SessionSummary, SessionView } from '../../shared/model/triage';
import { BookmarkService } from './bookmarks/bookmark-service';
import { setClockOffset } from './sessions/clock-offset';
import type { SessionHost } from './sessions/session-restore';
import { SessionService } from './sessions/session-service';
import type { SourceRegistry } from './source-registry';
import type { EventStore } from './store/event-store';
import { InsightQueries } from './store/insight-queries';

export interface TriageDeps {
  store: EventStore;
  userDataDir: string;
  sources: SourceRegistry;
  /** What a session records and restores: the engine's own sources and watched folders. */
  sessionHost: SessionHost;
}

export class Triage {
  /** Bookmarks follow their sources as they are read, stored to and closed: the engine tells them. */
  readonly bookmarks: BookmarkService;
  private readonly insights: InsightQueries;
  private readonly sessions: SessionService;

  constructor(private readonly deps: TriageDeps) {
    const { store, userDataDir, sources } = deps;
    this.insights = new InsightQueries(store, (sourceId) => sources.get(sourceId)?.name ?? `source ${sourceId}`);
    this.bookmarks = new BookmarkService({
      store,
      userDataDir,
      source: (sourceId) => sources.get(sourceId),
      sources: () => sources.all(),
      isOnDisk: (sourceId) => sources.isOnDisk(sourceId),
      changed: () => sources.announceAll(),
    });
    this.sessions = new SessionService(userDataDir, deps.sessionHost);
  }

  facets(query: EventQuery, limit: number): Promise<FacetResult[]> {
    return this.insights.facets(query, limit);
  }

  histogram(query: EventQuery, buckets: number): Promise<Histogram> {
    return this.insights.histogram(query, buckets);
  }

  async setClockOffset(sourceId: number, offsetMs: number): Promise<void> {
    const source = this.deps.sources.get(sourceId);
    if (!source) throw new Error(`No open source with id ${sourceId}.`);
    if (await setClockOffset(this.deps.store, source, offsetMs)) this.deps.sources.announceAll();
  }

  async setBookmark(eventId: number, comment: string): Promise<Bookmark> {
    const bookmark = await this.bookmarks.set(eventId, comment);
    this.deps.sources.announceEvents();
    return bookmark;
  }

  async removeBookmark(eventId: number): Promise<void> {
    await this.bookmarks.remove(eventId);
    this.deps.sources.announceEvents();
  }

  listBookmarks(): Promise<Bookmark[]> {
    return this.bookmarks.list();
  }

  saveSession(view: SessionView): Promise<void> {
    return this.sessions.save(view);
  }

  listSessions(): Promise<SessionSummary[]> {
    return this.sessions.list();
  }

  restoreSession(id: string): Promise<{ session: Session; missing: string[] } | null> {
    return this.sessions.restore(id);
  }

  /** Writes what sessions have not written yet, and stops waiting to bookmark rows. */
  close(): void {
    this.sessions.flush();
    this.bookmarks.close();
  }
}
