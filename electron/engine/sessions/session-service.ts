/**
 * Sessions: what was open (files with how they were read, watched folders) and the renderer's view
 * over it, saved so that an investigation can be picked up again. Each engine run has one current
 * session, created at its first save and updated by later ones; restoring a session makes it the
 * current one. Sessions with nothing open are never stored, so they cannot push real ones out.
 *
 * The renderer may save often (every change of its view): saves update memory at once and reach
 * the disk at most every `writeEveryMs`, and at close.
 */
import { randomUUID } from 'node:crypto';
import type { Session, SessionSummary, SessionView } from '../../../shared/model/triage';
import { checkedSession, keepUnreadableCopySync, MAX_SESSIONS, readSessionsFile, writeSessionsFileSync, type SavedSession } from './session-file';
import { captureOpen, restoreInto, type SessionHost } from './session-restore';

const WRITE_EVERY_MS = 500;

export class SessionService {
  private loaded: Promise<void> | undefined;
  /** Newest first. */
  private sessions: SavedSession[] = [];
  private currentId: string | null = null;
  private restoring = false;
  /** Why the sessions file was not used (it is copied aside before it is overwritten), or null. */
  private unreadable: string | null = null;
  private unreadableKept = false;
  private dirty = false;
  private writeTimer: NodeJS.Timeout | undefined;
  private lastWrite = 0;
  /** Why the last write failed, or null. */
  writeProblem: string | null = null;

  constructor(
    private readonly userDataDir: string,
    private readonly host: SessionHost,
    private readonly writeEveryMs = WRITE_EVERY_MS,
  ) {}

  /** Why the saved sessions could not be read (the user started without them), or null. */
  async problem(): Promise<string | null> {
    await this.load();
    return this.unreadable;
  }

  async save(view: SessionView): Promise<void> {
    // Saves while a restore replaces what is open would record half of it.
    if (this.restoring) return;
    await this.load();
    const open = await captureOpen(this.host);
    if (this.restoring || (open.files.length === 0 && open.folders.length === 0)) return;
    this.currentId ??= randomUUID();
    const session = checkedSession({ id: this.currentId, savedAt: Date.now(), ...open, view });
    this.sessions = [session, ...this.sessions.filter((saved) => saved.id !== session.id)].slice(0, MAX_SESSIONS);
    this.scheduleWrite();
  }

  async list(): Promise<SessionSummary[]> {
    await this.load();
    return this.sessions.filter(hasContent).map((saved) => {
      const { view: _view, ...summary } = toSession(saved);
      return summary;
    });
  }

  /** Replaces what is open with the session's files and folders; null when there is no such session. */
  async restore(id: string): Promise<{ session: Session; missing: string[] } | null> {
    await this.load();
    const saved = this.sessions.find((session) => session.id === id);
    if (!saved || !hasContent(saved)) return null;
    if (this.restoring) throw new Error('A session is being restored already.');
    this.restoring = true;
    try {
      const missing = await restoreInto(this.host, saved);
      this.currentId = saved.id;
      return { session: toSession(saved), missing };
    } finally {
      this.restoring = false;
    }
  }

  /** Writes what is not written yet, now (the engine is closing). */
  flush(): void {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    this.lastWrite = Date.now();
    try {
      if (this.unreadable !== null && !this.unreadableKept) {
        keepUnreadableCopySync(this.userDataDir);
        this.unreadableKept = true;
      }
      writeSessionsFileSync(this.userDataDir, this.sessions);
      this.writeProblem = null;
    } catch (error) {
      this.writeProblem = error instanceof Error ? error.message : String(error);
    }
  }

  private load(): Promise<void> {
    this.loaded ??= readSessionsFile(this.userDataDir).then(({ sessions, problem }) => {
      this.sessions = sessions;
      this.unreadable = problem;
    });
    return this.loaded;
  }

  private scheduleWrite(): void {
    this.dirty = true;
    if (this.writeTimer) return;
    this.writeTimer = setTimeout(() => this.flush(), Math.max(0, this.lastWrite + this.writeEveryMs - Date.now()));
  }
}

function hasContent(session: SavedSession): boolean {
  return session.files.length > 0 || session.folders.length > 0;
}

function toSession(saved: SavedSession): Session {
  return {
    id: saved.id,
    savedAt: saved.savedAt,
    files: [...new Set(saved.files.map((file) => file.path))],
    folders: saved.folders.map((folder) => folder.path),
    view: saved.view,
  };
}
