/**
 * What a session is made of — the opened files with how they are read, the watched folders — taken
 * from the engine, and put back into it.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { ReadOptions } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/model/log-event';
import type { WatchInfo, WatchOptions } from '../../../shared/model/watch';
import type { SavedFile, SavedFolder, SavedSession } from './session-file';

/** What sessions need of the engine (the engine itself provides it). */
export interface SessionHost {
  /** Open sources that are not files followed in watched folders, each with the path it was opened by. */
  openedSources(): { source: SourceInfo; openedPath: string }[];
  listSources(): Promise<SourceInfo[]>;
  listWatches(): Promise<WatchInfo[]>;
  closeSource(sourceId: number): Promise<void>;
  unwatchFolder(watchId: number): Promise<void>;
  openPaths(paths: readonly string[], options: ReadOptions & { expandDirectories: boolean }): Promise<SourceInfo[]>;
  reopenSource(sourceId: number, options: ReadOptions): Promise<SourceInfo>;
  setSourceClockOffset(sourceId: number, offsetMs: number): Promise<void>;
  watchFolder(path: string, options: Partial<WatchOptions>): Promise<WatchInfo>;
}

/** What is open now, as a session records it. */
export async function captureOpen(host: SessionHost): Promise<{ files: SavedFile[]; folders: SavedFolder[] }> {
  const files = host
    .openedSources()
    // Paths Logsift did not open from disk (none today) could not be opened again.
    .filter(({ openedPath }) => isAbsolute(openedPath))
    .map(({ source, openedPath }) => ({ path: openedPath, source: source.path, readOptions: readOptionsOf(source), clockOffsetMs: source.clockOffsetMs }));
  const folders = (await host.listWatches()).map((watch) => ({ path: watch.path, options: { ...watch.options } }));
  return { files, folders };
}

/**
 * Replaces what is open with the session's files and folders. Those no longer there are skipped
 * and returned, so the user is told which.
 */
export async function restoreInto(host: SessionHost, session: SavedSession): Promise<string[]> {
  for (const watch of await host.listWatches()) await host.unwatchFolder(watch.id);
  for (const source of await host.listSources()) await host.closeSource(source.id);
  const missing: string[] = [];
  for (const [path, entries] of byOpenedPath(session.files)) {
    if (!(await stat(path).catch(() => undefined))?.isFile()) {
      missing.push(path);
      continue;
    }
    const first = entries[0]!;
    const opened = await host.openPaths([path], { expandDirectories: false, ...first.readOptions });
    for (const source of opened) {
      // An archive's members were each read their own way; a plain file is its own entry.
      const entry = entries.find((candidate) => candidate.source === source.path) ?? (opened.length === 1 ? first : undefined);
      if (!entry) continue;
      if (!sameReadOptions(entry.readOptions, first.readOptions)) {
        // A format or zone this version no longer knows: the member stays read as detected.
        await host.reopenSource(source.id, entry.readOptions).catch(() => undefined);
      }
      if (entry.clockOffsetMs !== 0) await host.setSourceClockOffset(source.id, entry.clockOffsetMs);
    }
  }
  for (const folder of session.folders) {
    if (!(await stat(folder.path).catch(() => undefined))?.isDirectory()) missing.push(folder.path);
    else await host.watchFolder(folder.path, folder.options);
  }
  return missing;
}

/** Only what the user states about a file (what the session file's schema accepts). */
function readOptionsOf(source: SourceInfo): ReadOptions {
  const { format, timeZone, dayFirst } = source.readOptions;
  return { ...(format !== undefined && { format }), ...(timeZone !== undefined && { timeZone }), ...(dayFirst !== undefined && { dayFirst }) };
}

function sameReadOptions(a: ReadOptions, b: ReadOptions): boolean {
  return a.format === b.format && a.timeZone === b.timeZone && a.dayFirst === b.dayFirst;
}

/** The saved sources grouped by the path that opens them (an archive opens all its members). */
function byOpenedPath(files: readonly SavedFile[]): Map<string, SavedFile[]> {
  const groups = new Map<string, SavedFile[]>();
  for (const file of files) groups.set(file.path, [...(groups.get(file.path) ?? []), file]);
  return groups;
}
