/** Watched folders: where logs land and Logsift follows them as they grow. */

export interface WatchOptions {
  /** Follow files in subfolders too. */
  recursive: boolean;
  /** Glob patterns (relative to the folder) a file must match; empty: every file. */
  include: string[];
  /** Glob patterns of files to leave alone. */
  exclude: string[];
  /** Poll instead of relying on change notifications (network shares). */
  polling: boolean;
}

export interface WatchInfo {
  id: number;
  path: string;
  options: WatchOptions;
  state: 'watching' | 'missing' | 'error';
  note: string | null;
  /** Files followed in this folder (gone ones included). */
  files: number;
}

/** A source that is a followed file: how following it goes. */
export interface LiveState {
  watchId: number;
  state: 'following' | 'gone' | 'unreadable';
  /** What happened to the file, newest last: rotations, truncations, deletions. */
  notes: string[];
}
