/**
 * Worker-thread entry: reads one file through the ingest pipeline and posts its batches to the
 * main thread, pausing while too many are unacknowledged (bounded memory on any file size).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSource } from './read-source';
import { MAX_BATCHES_IN_FLIGHT, type IngestJob, type PoolMessage, type WorkerMessage } from './worker-protocol';

const PROGRESS_INTERVAL_MS = 100;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

let inFlight = 0;
let resume: (() => void) | undefined;
parentPort!.on('message', (message: PoolMessage) => {
  if (message.type !== 'ack') return;
  inFlight--;
  if (resume && inFlight < MAX_BATCHES_IN_FLIGHT) {
    const wake = resume;
    resume = undefined;
    wake();
  }
});

let lastProgressAt = 0;
const job = workerData as IngestJob;
readSource(job.path, job.options, {
  detected: (detection) => post({ type: 'detected', detection }),
  async batch(items) {
    inFlight++;
    post({ type: 'batch', items });
    if (inFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((wake) => (resume = wake));
  },
  progress(bytesRead) {
    const now = Date.now();
    if (now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
    lastProgressAt = now;
    post({ type: 'progress', bytesRead });
  },
}).then(
  (report) => post({ type: 'done', report }),
  (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
