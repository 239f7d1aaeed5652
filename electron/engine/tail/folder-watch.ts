/**
 * One watched folder, on chokidar: the files in it (and, if asked, its subfolders) that pass the
 * include/exclude globs, reported as they appear, change and go. Polling replaces change
 * notifications where those do not arrive (network shares). The folder itself is checked every
 * second, so that its deletion (and return) is noticed whatever the platform reports.
 *
 * Symbolic links are not followed into folders: a link to its own folder (or a parent) made
 * chokidar walk self/self/self/… to its depth limit, thousands of paths per level, each file
 * reported again under every name. Links to regular files are followed as files; links to folders,
 * link loops, broken links and what is not a regular file (FIFOs, sockets, devices: a FIFO would
 * block its reader) are left alone and listed in the watch's note, so the user knows why.
 */
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import picomatch from 'picomatch';
import type { WatchOptions } from '../../../shared/model/watch';
import { isSidecarName } from '../bookmarks/sidecar-name';
import { fileKind } from '../ingest/open-file';

export interface FolderEvents {
  added(path: string): void;
  changed(path: string): void;
  removed(path: string): void;
  /** The folder is there ('watching') or not ('missing'), or the watcher failed. */
  folderState(state: 'watching' | 'missing' | 'error', note: string | null): void;
}

const POLL_INTERVAL_MS = 250;
const FOLDER_CHECK_MS = 1000;
/** Names listed per reason in the note; the rest are counted. */
const NAMES_IN_NOTE = 5;

export class FolderWatch {
  private watcher: FSWatcher | undefined;
  private readonly checkTimer: NodeJS.Timeout;
  private present = true;
  private ready = false;
  private readonly included: (path: string) => boolean;
  /** Entries not followed (relative name → why), for the watch's note. */
  private readonly skipped = new Map<string, string>();

  constructor(
    readonly root: string,
    private readonly options: WatchOptions,
    private readonly events: FolderEvents,
  ) {
    const include = options.include.length > 0 ? picomatch(options.include, { dot: true, nocase: true }) : () => true;
    const exclude = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true, nocase: true }) : () => false;
    this.included = (path) => {
      // Bookmark sidecars (and their temporary files) sit beside the logs but are not logs.
      if (isSidecarName(path)) return false;
      const name = relative(root, path).split(sep).join('/');
      return include(name) && !exclude(name);
    };
    this.start();
    this.checkTimer = setInterval(() => void this.checkFolder(), FOLDER_CHECK_MS);
  }

  private start(): void {
    this.ready = false;
    this.watcher = watch(watchedPath(this.root), {
      depth: this.options.recursive ? 99 : 0,
      usePolling: this.options.polling,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
      ignoreInitial: false,
      // Links are looked at here (ignore), never walked by chokidar: see the top of this file.
      followSymlinks: false,
      ignored: (path, stats) => this.ignore(path, stats),
    });
    this.watcher.on('add', (path) => this.events.added(path));
    this.watcher.on('change', (path) => this.events.changed(path));
    this.watcher.on('unlink', (path) => this.events.removed(path));
    this.watcher.on('error', (error) => this.events.folderState('error', error instanceof Error ? error.message : String(error)));
    this.watcher.on('ready', () => {
      this.ready = true;
      this.events.folderState('watching', this.note());
    });
  }

  /**
   * An entry is not followed when the globs leave it out, or when it is not a (link to a) regular
   * file. Folders are walked unless recursion is off (chokidar's depth).
   */
  private ignore(path: string, stats: Stats | undefined): boolean {
    // Called once without stats, then with them (lstat: links are seen as links).
    if (!stats || stats.isDirectory()) return false;
    if (!this.included(path)) return true;
    const reason = skipReason(path, stats) ?? this.secondName(path, stats);
    this.noteSkipped(path, reason);
    return reason !== undefined;
  }

  /**
   * A link to a file this watch follows under its own name: one source per file, named as the file
   * is (not after whichever name the scan happened to meet first).
   */
  private secondName(path: string, stats: Stats): string | undefined {
    if (!stats.isSymbolicLink()) return undefined;
    let name: string;
    try {
      name = relative(realpathSync(this.root), realpathSync(path));
    } catch {
      return undefined;
    }
    const inside = name !== '' && !name.startsWith('..') && !isAbsolute(name);
    const walked = this.options.recursive || !name.includes(sep);
    if (!inside || !walked || !this.included(join(this.root, name))) return undefined;
    return `another name for ${name.split(sep).join('/')}, which is followed`;
  }

  /** Records why `path` is not followed (or that it now is): the watch's note says so. */
  skip(path: string, reason: string | undefined): void {
    this.noteSkipped(path, reason);
  }

  private noteSkipped(path: string, reason: string | undefined): void {
    const name = relative(this.root, path).split(sep).join('/');
    if (this.skipped.get(name) === reason) return;
    if (reason === undefined) this.skipped.delete(name);
    else this.skipped.set(name, reason);
    // Before 'ready' the note goes out with the ready state.
    if (this.ready) this.events.folderState('watching', this.note());
  }

  /** "not following 3 entries: a, b (a symbolic link loop); self (a link to a folder…)". */
  private note(): string | null {
    if (this.skipped.size === 0) return null;
    const byReason = new Map<string, string[]>();
    for (const [name, reason] of [...this.skipped].sort(([a], [b]) => a.localeCompare(b))) {
      byReason.set(reason, [...(byReason.get(reason) ?? []), name]);
    }
    const parts = [...byReason].map(([reason, names]) => {
      const listed = names.slice(0, NAMES_IN_NOTE).join(', ');
      return `${listed}${names.length > NAMES_IN_NOTE ? ` and ${names.length - NAMES_IN_NOTE} more` : ''} (${reason})`;
    });
    return `not following ${this.skipped.size} ${this.skipped.size === 1 ? 'entry' : 'entries'}: ${parts.join('; ')}`;
  }

  private async checkFolder(): Promise<void> {
    const there = (await stat(this.root).catch(() => undefined))?.isDirectory() === true;
    if (there === this.present) return;
    this.present = there;
    if (!there) {
      this.events.folderState('missing', 'the folder was deleted or cannot be reached; waiting for it to come back');
      await this.watcher?.close();
      this.watcher = undefined;
    } else {
      // Back again: watch it afresh (files in it are reported as added).
      this.start();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.checkTimer);
    await this.watcher?.close();
  }
}

/**
 * What chokidar is given: the folder, with a trailing separator when the folder is itself a link
 * (chokidar, not following links, would otherwise see one link and nothing in it).
 */
function watchedPath(root: string): string {
  try {
    return lstatSync(root).isSymbolicLink() ? `${root}${sep}` : root;
  } catch {
    return root;
  }
}

/** Why a folder entry (not a folder) is not followed; undefined when it is a (link to a) regular file. */
function skipReason(path: string, stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (!stats.isSymbolicLink()) return `not a regular file: ${fileKind(stats)}`;
  let target: Stats;
  try {
    target = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'a symbolic link loop';
    if (code === 'ENOENT') return 'a symbolic link to nothing';
    return `a symbolic link that cannot be followed (${code ?? 'error'})`;
  }
  if (target.isFile()) return undefined;
  if (target.isDirectory()) return 'a link to a folder: not followed, as it could loop';
  return `a link to what is not a regular file: ${fileKind(target)}`;
}
