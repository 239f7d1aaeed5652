/**
 * Worker-thread entry: reads one file through the ingest pipeline, spools its entries to files
 * for the store to bulk-load, and pauses while too many are unacknowledged (bounded memory and
 * disk on any file size). Large binary files may be parsed on helper threads of its own
 * (unit-pool.ts), which spool their entries themselves.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSource, SourceError } from './read-source';
import { kbClassifier, SpoolWriter, type SpooledBatch } from './spool';
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

async function send(spool: SpoolWriter): Promise<void> {
  const batch = await spool.flush();
  if (batch) await postBatch(batch);
}

/** Hands a spooled batch to the store; waits while too many are unacknowledged. */
async function postBatch(batch: SpooledBatch): Promise<void> {
  inFlight++;
  post({ type: 'spooled', batch });
  if (inFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((wake) => (resume = wake));
}

let lastProgressAt = 0;
const job = workerData as IngestJob;
const spool = new SpoolWriter(job.spoolDir, job.spoolPrefix, kbClassifier(job.kbRules));
readSource(job.path, job.options, {
  detected: (detection) => post({ type: 'detected', detection }),
  async batch(items) {
    spool.add(items);
    if (spool.full) await send(spool);
  },
  helpers: job.unitWorkerScript
    ? {
        workerScript: job.unitWorkerScript,
        spoolDir: job.spoolDir,
        spoolPrefix: `${job.spoolPrefix}-units`,
        kbRules: job.kbRules,
        async spooled(batch) {
          // What this thread spooled so far goes first: batches are stored in file order.
          await send(spool);
          await postBatch(batch);
        },
      }
    : undefined,
  progress(bytesRead) {
    const now = Date.now();
    if (now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
    lastProgressAt = now;
    post({ type: 'progress', bytesRead });
  },
}).then(
  async (report) => {
    await send(spool);
    post({ type: 'done', report });
  },
  async (error: unknown) => {
    // What was parsed before the failure is stored: the read stops, what it found stays.
    await send(spool).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    // Every message names its file; a parser's own exception does not.
    const named = message.startsWith(`${job.path}: `) ? message : `${job.path}: ${message}`;
    post({ type: 'failed', message: named, extent: error instanceof SourceError ? error.extent : undefined });
  },
);
