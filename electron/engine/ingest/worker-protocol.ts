/** Messages between the ingest pool (main thread) and an ingest worker. */
import type { IngestItem, SourceDetection, SourceReadReport } from './ingest-item';
import type { ReadSourceOptions } from './read-source';

export interface IngestJob {
  path: string;
  options: ReadSourceOptions;
}

export type WorkerMessage =
  | { type: 'detected'; detection: SourceDetection }
  | { type: 'batch'; items: IngestItem[] }
  | { type: 'progress'; bytesRead: number }
  | { type: 'done'; report: SourceReadReport }
  | { type: 'failed'; message: string };

/** The main thread acknowledges each batch once stored, which lets the worker read on. */
export interface PoolMessage {
  type: 'ack';
}

/** Batches a worker may have unacknowledged before it pauses reading. */
export const MAX_BATCHES_IN_FLIGHT = 4;
