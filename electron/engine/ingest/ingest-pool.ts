/**
 * Runs ingest jobs in worker threads, a few at a time, so parsing never blocks the thread that
 * answers the UI. Each job gets a fresh worker; a worker that crashes fails its file, not the app.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceDetection, SourceReadReport } from './ingest-item';
import type { SpooledBatch } from './spool';
import type { IngestJob, PoolMessage, WorkerMessage } from './worker-protocol';

export interface IngestHandlers {
  detected(detection: SourceDetection): void;
  /** Stores a spooled batch; the worker is allowed to read on once the promise settles. */
  spooled(batch: SpooledBatch): Promise<void>;
  progress(bytesRead: number): void;
}

export class IngestPool {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  /** The helper-thread entry, built beside the worker's (see unit-worker.ts). */
  private readonly unitWorkerScript: string | undefined;

  constructor(
    private readonly workerScript: string,
    private readonly concurrency = Math.max(1, Math.min(4, availableParallelism())),
  ) {
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
      const worker = new Worker(this.workerScript, { workerData: { unitWorkerScript: this.unitWorkerScript, ...job } satisfies IngestJob });
      let settled = false;
      // Batches are stored strictly in order, one after another.
      let storing = Promise.resolve();
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        outcome();
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
              .then(() => worker.postMessage({ type: 'ack' } satisfies PoolMessage))
              .catch((error: unknown) => finish(() => reject(error)));
            break;
          case 'done':
            storing.then(() => finish(() => resolve(message.report)), () => undefined);
            break;
          case 'failed':
            storing.then(() => finish(() => reject(new Error(message.message))), () => undefined);
            break;
        }
      });
      worker.on('error', (error) => finish(() => reject(new Error(`${job.path}: reader crashed: ${error.message}`))));
      worker.on('exit', (code) => {
        if (!settled) finish(() => reject(new Error(`${job.path}: reader stopped unexpectedly (exit code ${code})`)));
      });
    });
  }
}
