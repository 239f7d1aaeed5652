/**
 * Runs ingest jobs in worker threads, a few at a time, so parsing never blocks the thread that
 * answers the UI. Each job gets a fresh worker; a worker that crashes (an uncaught exception,
 * process.exit, running out of its memory) fails its file, not the app: the entries it had
 * already handed over stay, and the source says what happened.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { SourceDetection, SourceReadReport } from './ingest-item';
import { grouped } from './open-file';
import type { ReadExtent } from './read-source';
import type { SpooledBatch } from './spool';
import type { IngestJob, PoolMessage, WorkerMessage } from './worker-protocol';

export interface IngestHandlers {
  detected(detection: SourceDetection): void;
  /** Stores a spooled batch; the worker is allowed to read on once the promise settles. */
  spooled(batch: SpooledBatch): Promise<void>;
  progress(bytesRead: number): void;
}

export interface IngestPoolOptions {
  /** Files read at once; default: one per core, at most 4. */
  concurrency?: number;
  /**
   * Memory (and stack) limits of each file's reader thread. Unset: V8's defaults. A reader that
   * exceeds them is stopped and fails its file alone (a runaway parser cannot take the app down).
   */
  resourceLimits?: ResourceLimits;
}

/** A read that failed, with how much of the file there was and was read when that is known. */
export class ReadFailed extends Error {
  constructor(
    message: string,
    readonly extent?: ReadExtent,
  ) {
    super(message);
    this.name = 'ReadFailed';
  }
}

export class IngestPool {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly concurrency: number;

  /** The helper-thread entry, built beside the worker's (see unit-worker.ts). */
  private readonly unitWorkerScript: string | undefined;

  constructor(
    private readonly workerScript: string,
    private readonly options: IngestPoolOptions = {},
  ) {
    this.concurrency = options.concurrency ?? Math.max(1, Math.min(4, availableParallelism()));
    const unitWorker = join(dirname(workerScript), 'unit-worker.js');
    this.unitWorkerScript = existsSync(unitWorker) ? unitWorker : undefined;
  }

  /** Reads a file in a worker; resolves with its accounting, rejects with a message naming the file. */
  async run(job: IngestJob, handlers: IngestHandlers): Promise<SourceReadReport> {
    await this.slot();
    try {
      return await this.runInWorker(job, handlers);
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  private slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.queue.push(() => {
        this.running++;
        resolve();
      }),
    );
  }

  private runInWorker(job: IngestJob, handlers: IngestHandlers): Promise<SourceReadReport> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.workerScript, {
        workerData: { unitWorkerScript: this.unitWorkerScript, ...job } satisfies IngestJob,
        resourceLimits: this.options.resourceLimits,
      });
      let settled = false;
      // Batches are stored strictly in order, one after another.
      let storing = Promise.resolve();
      /** Entries of the batches stored: what a crash leaves in the store. */
      let kept = 0;
      let crash: string | undefined;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        outcome();
      };
      // A crash fails the file once what the worker had handed over is stored, so the source's
      // counts are final when its error shows.
      const crashed = (reason: string): void => {
        // 'exit' follows 'error': the first says what happened.
        if (settled || crash !== undefined) return;
        crash = reason;
        // Entries the worker had parsed but not yet handed over died with it: the source keeps
        // what was stored, and its bytesRead (the last progress) stays below its size.
        void storing.then(() => finish(() => reject(new ReadFailed(`${job.path}: ${reason} — the file was not read to its end; ${grouped(kept)} entries read before were kept`))));
      };
      worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'detected':
            handlers.detected(message.detection);
            break;
          case 'progress':
            handlers.progress(message.bytesRead);
            break;
          case 'spooled':
            storing = storing
              .then(() => handlers.spooled(message.batch))
              .then(() => void (kept += message.batch.count))
              .then(() => worker.postMessage({ type: 'ack' } satisfies PoolMessage))
              .catch((error: unknown) => finish(() => reject(error)));
            break;
          case 'done':
            storing.then(() => finish(() => resolve(message.report)), () => undefined);
            break;
          case 'failed':
            storing.then(() => finish(() => reject(new ReadFailed(message.message, message.extent))), () => undefined);
            break;
        }
      });
      worker.on('error', (error: Error & { code?: string }) => crashed(this.describeCrash(error)));
      worker.on('exit', (code) => crashed(`the reader thread stopped unexpectedly (exit code ${code})`));
    });
  }

  private describeCrash(error: Error & { code?: string }): string {
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = this.options.resourceLimits?.maxOldGenerationSizeMb;
      return `the reader ran out of memory${limit ? ` (a file's reader may use ${grouped(limit)} MB)` : ''} and was stopped`;
    }
    return `the reader crashed (${error.code ? `${error.code}: ` : ''}${error.message})`;
  }
}
