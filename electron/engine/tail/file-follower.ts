/**
 * Follows every file of the watched folders: one TailReader per file (a file is its device and
 * inode, whatever its name), cycles run when a file changes, and what rotation does is told apart:
 *
 * - rename + new file: the reader follows its file to the new name; the new file is a new source;
 * - copy-truncate: the copy (same first bytes as what was read) goes on where reading stopped,
 *   and the truncated file is read again from its start: nothing twice, nothing skipped;
 * - delete (and re-create), replacement by another file, lost permission, the folder deleted:
 *   each shown in the source's state, reading resumed where it can.
 */
import { relative, sep } from 'node:path';
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { WatchOptions } from '../../../shared/model/watch';
import type { ReadSourceOptions } from '../ingest/read-source';
import { kbClassifier, SpoolWriter, type SpooledBatch } from '../ingest/spool';
import { HEAD_BYTES, identityAndHead, isStillNamed } from './file-identity';
import { FolderWatch } from './folder-watch';
import type { TailEvent } from './tail-protocol';
import { TailReader, type CycleOutcome, type Generation } from './tail-reader';

/** How long a file must be quiet before a last line without its newline is taken as complete. */
const SETTLE_MS = 400;
/** How soon after a read the file is looked at again (see cycle). */
const RECHECK_MS = 60;
/** How long a vanished name waits for the file to turn up under another name before it is "gone". */
const GONE_AFTER_MS = 600;
/** How long a new file that starts like a followed one waits to see whether that one is truncated. */
const COPY_WAIT_MS = 4000;
/** Fewer bytes than this are too little to tell a copy from a file that merely starts the same. */
const MIN_COPY_EVIDENCE = 128;

export interface FollowerOutput {
  post(event: TailEvent): void;
  /** Hands a batch on; resolves when the engine has stored it. */
  send(fileKey: number, batch: SpooledBatch): Promise<void>;
}

interface Followed {
  key: number;
  watchId: number;
  reader: TailReader;
  /** Its current name; null once it is gone. */
  path: string | null;
  spool: SpoolWriter;
  running: Promise<void> | undefined;
  again: boolean;
  settleTimer: NodeJS.Timeout | undefined;
  recheckTimer: NodeJS.Timeout | undefined;
  state: 'following' | 'gone' | 'unreadable';
  /** Held back: it may be the copy of a file about to be truncated. */
  copyOf: { of: Followed; until: number; timer: NodeJS.Timeout } | undefined;
}

function now(): string {
  return new Date().toISOString().slice(11, 19);
}

function samePrefix(a: Uint8Array, b: Uint8Array, length: number): boolean {
  if (a.length < length || b.length < length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class FileFollower {
  private readonly watches = new Map<number, { watch: FolderWatch; read: ReadSourceOptions }>();
  private readonly files = new Map<number, Followed>();
  private readonly byPath = new Map<string, Followed>();
  /** Names being looked at as new files (a change meanwhile is covered by their first cycle). */
  private readonly adding = new Set<string>();
  /** Generations ended by truncation lately: a copy of one may still turn up. */
  private ended: { generation: Generation; at: number }[] = [];
  private nextKey = 1;
  private classify: ReturnType<typeof kbClassifier>;

  constructor(
    private readonly output: FollowerOutput,
    private readonly spoolDir: string,
    kbRules: RuleEntry[],
  ) {
    this.classify = kbClassifier(kbRules);
  }

  setRules(kbRules: RuleEntry[]): void {
    this.classify = kbClassifier(kbRules);
  }

  watch(watchId: number, root: string, options: WatchOptions, read: ReadSourceOptions): void {
    const watch = new FolderWatch(root, options, {
      added: (path) => void this.added(watchId, path),
      changed: (path) => this.changed(watchId, path),
      removed: (path) => this.removed(path),
      folderState: (state, note) => this.output.post({ type: 'watching', watchId, state, note }),
    });
    this.watches.set(watchId, { watch, read });
  }

  async unwatch(watchId: number): Promise<void> {
    await this.watches.get(watchId)?.watch.close();
    this.watches.delete(watchId);
    for (const file of this.files.values()) {
      if (file.watchId !== watchId) continue;
      clearTimeout(file.settleTimer);
      clearTimeout(file.recheckTimer);
      if (file.path) this.byPath.delete(file.path);
      this.files.delete(file.key);
    }
  }

  async close(): Promise<void> {
    for (const id of [...this.watches.keys()]) await this.unwatch(id);
  }

  private async added(watchId: number, path: string): Promise<void> {
    if (this.byPath.has(path)) return this.changed(watchId, path);
    if (this.adding.has(path)) return;
    this.adding.add(path);
    try {
      await this.addNow(watchId, path);
    } finally {
      this.adding.delete(path);
    }
  }

  private async addNow(watchId: number, path: string): Promise<void> {
    const info = await identityAndHead(path);
    if (!info) return;
    const renamed = [...this.files.values()].find((file) => file.reader.identity === info.identity);
    if (renamed && (await isStillNamed(renamed.path, info.identity))) {
      // Another name for a file followed already (a symbolic or hard link): one source per file.
      const followedAs = relative(this.watches.get(renamed.watchId)?.watch.root ?? '', renamed.path!).split(sep).join('/');
      this.watches.get(watchId)?.watch.skip(path, `another name for ${followedAs}, which is followed`);
      return;
    }
    if (renamed) {
      // The same file under a new name (rotation by rename): follow it there.
      if (renamed.path && this.byPath.get(renamed.path) === renamed) this.byPath.delete(renamed.path);
      renamed.path = path;
      renamed.reader.path = path;
      this.byPath.set(path, renamed);
      if (renamed.state === 'gone') this.setState(renamed, 'following', null);
      this.output.post({ type: 'renamed', fileKey: renamed.key, path });
      this.run(renamed);
      return;
    }
    const file = this.follow(watchId, path);
    // A copy of what was being read (copy-truncate) goes on where reading stopped.
    const recent = this.ended.find(({ generation }) => this.isCopy(info.head, info.size, generation));
    if (recent) {
      this.continueCopy(file, recent.generation);
      return;
    }
    const original = [...this.files.values()].find((other) => other !== file && other.path !== null && this.isCopy(info.head, info.size, other.reader.generation()));
    if (original) {
      // It may become a copy-truncate: wait a little to see whether the original is truncated.
      const timer = setTimeout(() => {
        file.copyOf = undefined;
        // A busy machine may have seen the truncation late: check once more before reading it all.
        const ended = this.ended.find(({ generation }) => this.isCopy(info.head, info.size, generation));
        if (ended) this.continueCopy(file, ended.generation);
        else this.run(file);
      }, COPY_WAIT_MS);
      file.copyOf = { of: original, until: Date.now() + COPY_WAIT_MS, timer };
      this.run(original);
      return;
    }
    this.run(file);
  }

  private isCopy(head: Uint8Array, size: number, generation: Generation): boolean {
    const evidence = Math.min(generation.head.length, HEAD_BYTES);
    return evidence >= MIN_COPY_EVIDENCE && size >= generation.offset && samePrefix(head, generation.head, evidence) && generation.offset > 0;
  }

  private continueCopy(file: Followed, generation: Generation): void {
    file.reader.continueFrom(generation);
    if (generation.detection) this.output.post({ type: 'detected', fileKey: file.key, detection: generation.detection });
    this.setState(file, 'following', `a copy of a file that was then truncated (copy-truncate rotation): read from byte ${generation.offset} on`);
    this.run(file);
  }

  private follow(watchId: number, path: string): Followed {
    const key = this.nextKey++;
    const file: Followed = {
      key,
      watchId,
      reader: new TailReader(path, this.watches.get(watchId)?.read ?? {}),
      path,
      spool: new SpoolWriter(this.spoolDir, `tail-${key}`, (event) => this.classify(event)),
      running: undefined,
      again: false,
      settleTimer: undefined,
      recheckTimer: undefined,
      state: 'following',
      copyOf: undefined,
    };
    this.files.set(key, file);
    this.byPath.set(path, file);
    this.output.post({ type: 'file', watchId, fileKey: key, path });
    return file;
  }

  private changed(watchId: number, path: string): void {
    const file = this.byPath.get(path);
    if (file) this.run(file);
    // A name nobody follows yet: a new file (watchers may report a quick re-create as a change).
    else if (!this.adding.has(path)) void this.added(watchId, path);
  }

  private removed(path: string): void {
    const file = this.byPath.get(path);
    if (!file) return;
    this.byPath.delete(path);
    setTimeout(() => {
      // Renamed in the meantime: it was found under its new name.
      if (file.path !== path) return;
      file.path = null;
      this.setState(file, 'gone', `deleted at ${now()}`);
    }, GONE_AFTER_MS);
  }

  private setState(file: Followed, state: Followed['state'], note: string | null): void {
    if (state === file.state && note === null) return;
    file.state = state;
    this.output.post({ type: 'state', fileKey: file.key, state, note });
  }

  /** Runs a cycle for the file, one at a time; changes during a cycle run one more. */
  private run(file: Followed, settle = false): void {
    if (file.copyOf || file.path === null) return;
    if (file.running) {
      file.again = true;
      return;
    }
    file.running = (async () => {
      do {
        file.again = false;
        await this.cycle(file, settle).catch((error: unknown) => this.setState(file, 'unreadable', error instanceof Error ? error.message : String(error)));
      } while (file.again && file.path !== null);
    })().finally(() => {
      file.running = undefined;
    });
  }

  private async cycle(file: Followed, settle: boolean): Promise<void> {
    const outcome: CycleOutcome = await file.reader.cycle(async (items) => {
      file.spool.add(items);
      if (file.spool.full) await this.send(file);
    }, settle);
    await this.send(file);
    if (outcome.detection) this.output.post({ type: 'detected', fileKey: file.key, detection: outcome.detection });
    if (outcome.ended) this.truncated(file, outcome.ended);
    for (const note of outcome.notes) this.setState(file, outcome.state === 'unreadable' ? 'unreadable' : 'following', note);
    switch (outcome.state) {
      case 'replaced':
        await this.replaced(file);
        return;
      case 'missing':
        if (file.path) this.removed(file.path);
        return;
      case 'unreadable':
        if (outcome.notes.length === 0) this.setState(file, 'unreadable', 'cannot be read; will try again');
        return;
      default:
        if (file.state !== 'following') this.setState(file, 'following', `readable again at ${now()}`);
    }
    clearTimeout(file.settleTimer);
    clearTimeout(file.recheckTimer);
    if (settle) return;
    // Change notifications are throttled (one per 50 ms per file, the rest dropped): look again
    // shortly after a read, so that a last write is not left waiting for the settle timer.
    if (outcome.state === 'read') file.recheckTimer = setTimeout(() => this.run(file), RECHECK_MS);
    // A last line without its newline is taken once the file has been quiet for a while.
    file.settleTimer = setTimeout(() => this.run(file, true), SETTLE_MS);
  }

  private async send(file: Followed): Promise<void> {
    const batch = await file.spool.flush();
    if (batch) await this.output.send(file.key, batch);
  }

  /** The file was truncated: a copy of what it held may be waiting (or still turn up). */
  private truncated(file: Followed, generation: Generation): void {
    const at = Date.now();
    this.ended = [...this.ended.filter((entry) => at - entry.at < 30_000), { generation, at }];
    for (const waiting of this.files.values()) {
      if (!waiting.copyOf || (waiting.copyOf.of !== file && !samePrefix(waiting.reader.head, generation.head, MIN_COPY_EVIDENCE))) continue;
      clearTimeout(waiting.copyOf.timer);
      waiting.copyOf = undefined;
      this.continueCopy(waiting, generation);
    }
  }

  /** Another file now has this one's name: this one is gone (or renamed, if it turns up again). */
  private async replaced(file: Followed): Promise<void> {
    const path = file.path;
    if (!path) return;
    if (this.byPath.get(path) === file) this.byPath.delete(path);
    file.path = null;
    this.setState(file, 'gone', `replaced by another file at ${now()}`);
    await this.added(file.watchId, path);
  }
}
