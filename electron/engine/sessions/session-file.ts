/**
 * The saved sessions, kept in the user-data folder as `sessions.json`. Everything read back is
 * validated — paths are opened from it — with the contract's own schemas for the renderer's view,
 * read options and watch options. A file that does not validate is reported, copied aside before it
 * is first overwritten (the user may want it back), and the user starts with no sessions.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { API_METHODS } from '../../../shared/api';

export const SESSIONS_FILE = 'sessions.json';

/** Sessions kept: the newest ones. */
export const MAX_SESSIONS = 10;

const absolutePath = z.string().min(1).max(4096).refine(isAbsolute, 'must be an absolute path');

const savedFileSchema = z.object({
  /** What was opened: the file, or the archive the source is a member of. */
  path: absolutePath,
  /** The source's own path (`archive.zip!member` for a member; else the same as `path`). */
  source: z.string().min(1).max(8192),
  readOptions: API_METHODS.reopenSource.def.items[1],
  clockOffsetMs: API_METHODS.setSourceClockOffset.def.items[1],
});

const savedFolderSchema = z.object({ path: absolutePath, options: API_METHODS.watchFolder.def.items[1] });

const savedSessionSchema = z.object({
  id: z.string().min(1).max(100),
  savedAt: z.number().int().nonnegative(),
  files: z.array(savedFileSchema).max(10_000),
  folders: z.array(savedFolderSchema).max(1_000),
  view: API_METHODS.saveSession.def.items[0],
});

const sessionsFileSchema = z.object({
  logsift: z.literal('sessions'),
  version: z.literal(1),
  sessions: z.array(savedSessionSchema).max(1_000),
});

/** A session as it will be written, checked now so that the file always reads back. */
export function checkedSession(session: SavedSession): SavedSession {
  const result = savedSessionSchema.safeParse(session);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`The session cannot be saved: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
}

export type SavedFile = z.infer<typeof savedFileSchema>;
export type SavedFolder = z.infer<typeof savedFolderSchema>;
export type SavedSession = z.infer<typeof savedSessionSchema>;

export interface SessionsRead {
  sessions: SavedSession[];
  /** Why the file was not used, or null. */
  problem: string | null;
}

/** Reads the saved sessions, newest first (none when there is no file yet). */
export async function readSessionsFile(userDataDir: string): Promise<SessionsRead> {
  const file = join(userDataDir, SESSIONS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], problem: null };
    return { sessions: [], problem: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { sessions: [], problem: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = sessionsFileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { sessions: [], problem: `${file}: ${where}${issue?.message ?? 'invalid'}` };
  }
  return { sessions: [...result.data.sessions].sort((a, b) => b.savedAt - a.savedAt).slice(0, MAX_SESSIONS), problem: null };
}

/**
 * Writes the sessions through a temporary file. Synchronous on purpose: the last write happens
 * while the engine closes, which cannot wait, and it must not race an earlier write's rename.
 */
export function writeSessionsFileSync(userDataDir: string, sessions: readonly SavedSession[]): void {
  const file = join(userDataDir, SESSIONS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  mkdirSync(userDataDir, { recursive: true });
  try {
    writeFileSync(temporary, `${JSON.stringify({ logsift: 'sessions', version: 1, sessions }, null, 2)}\n`);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Keeps a copy of a sessions file that could not be read, beside it; returns the copy's path. */
export function keepUnreadableCopySync(userDataDir: string, now = Date.now()): string | null {
  const copy = join(userDataDir, `sessions.unreadable-${now}.json`);
  try {
    copyFileSync(join(userDataDir, SESSIONS_FILE), copy);
    return copy;
  } catch {
    return null;
  }
}
