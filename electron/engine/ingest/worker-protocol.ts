/** Messages between the ingest pool (main thread) and an ingest worker. */
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { SourceDetection, SourceReadReport } from './ingest-item';
import type { SpooledBatch } from './spool';
import type { ReadExtent, ReadSourceOptions } from './read-source';

export interface IngestJob {
  path: string;
  options: ReadSourceOptions;
  /** Private folder for the spool files this job writes. */
  spoolDir: string;
  /** Unique prefix for this job's spool files. */
  spoolPrefix: string;
  /** The KB rules in force: the worker classifies each entry as it spools it. */
  kbRules: RuleEntry[];
  /** Entry of the helper threads that parse parts of large binary files; none: all on one thread. */
  unitWorkerScript?: string;
}

export type WorkerMessage =
  | { type: 'detected'; detection: SourceDetection }
  | { type: 'spooled'; batch: SpooledBatch }
  | { type: 'progress'; bytesRead: number }
  | { type: 'done'; report: SourceReadReport }
  | { type: 'failed'; message: string; extent?: ReadExtent };

/** The main thread acknowledges each spooled batch once stored, which lets the worker read on. */
export interface PoolMessage {
  type: 'ack';
}

/** Spooled batches a worker may have unacknowledged before it pauses reading. */
export const MAX_BATCHES_IN_FLIGHT = 2;
