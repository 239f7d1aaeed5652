/**
 * One watched folder, on chokidar: the files in it (and, if asked, its subfolders) that pass the
 * include/exclude globs, reported as they appear, change and go. Polling replaces change
 * notifications where those do not arrive (network shares). The folder itself is checked every
 * second, so that its deletion (and return) is noticed whatever the platform reports.
 */
import { stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import picomatch from 'picomatch';
import type { WatchOptions } from '../../../shared/model/watch';
import { isSidecarName } from '../bookmarks/sidecar-name';

export interface FolderEvents {
  added(path: string): void;
  changed(path: string): void;
  removed(path: string): void;
  /** The folder is there ('watching') or not ('missing'), or the watcher failed. */
  folderState(state: 'watching' | 'missing' | 'error', note: string | null): void;
}

const POLL_INTERVAL_MS = 250;
const FOLDER_CHECK_MS = 1000;

export class FolderWatch {
  private watcher: FSWatcher | undefined;
  private readonly checkTimer: NodeJS.Timeout;
  private present = true;
  private readonly included: (path: string) => boolean;

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
    this.watcher = watch(this.root, {
      depth: this.options.recursive ? 99 : 0,
      usePolling: this.options.polling,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
      ignoreInitial: false,
      // Our own check decides what to follow; folders are walked unless recursion is off.
      ignored: (path, stats) => stats?.isFile() === true && !this.included(path),
    });
    this.watcher.on('add', (path) => this.events.added(path));
    this.watcher.on('change', (path) => this.events.changed(path));
    this.watcher.on('unlink', (path) => this.events.removed(path));
    this.watcher.on('error', (error) => this.events.folderState('error', error instanceof Error ? error.message : String(error)));
    this.watcher.on('ready', () => this.events.folderState('watching', null));
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
