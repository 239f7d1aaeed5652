/** Messages between the engine (main thread) and the tail worker that watches folders. */
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { WatchOptions } from '../../../shared/model/watch';
import type { SourceDetection } from '../ingest/ingest-item';
import type { ReadSourceOptions } from '../ingest/read-source';
import type { SpooledBatch } from '../ingest/spool';

export interface TailWorkerData {
  spoolDir: string;
  kbRules: RuleEntry[];
}

export type TailCommand =
  | { type: 'watch'; watchId: number; root: string; options: WatchOptions; read: ReadSourceOptions }
  | { type: 'unwatch'; watchId: number }
  | { type: 'rules'; kbRules: RuleEntry[] }
  | { type: 'ack' };

/** A followed file's state, as the source's chip shows it. */
export type FileState = 'following' | 'gone' | 'unreadable';

export type TailEvent =
  | { type: 'watching'; watchId: number; state: 'watching' | 'missing' | 'error'; note: string | null }
  | { type: 'file'; watchId: number; fileKey: number; path: string }
  | { type: 'detected'; fileKey: number; detection: SourceDetection }
  | { type: 'renamed'; fileKey: number; path: string }
  | { type: 'state'; fileKey: number; state: FileState; note: string | null }
  | { type: 'spooled'; fileKey: number; batch: SpooledBatch };
