/**
 * Helper threads for one binary file: the format plugin hands them units (UnitRunner.run), each
 * helper parses and spools them, and the plugin delivers the spooled batches in file order. On a
 * 2-core machine this parses a large .evtx on both cores while the UI thread only bulk-loads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { UnitOutcome, UnitRunner } from '../formats/binary-format';
import type { SpooledBatch } from './spool';
import type { UnitJob, UnitReply, UnitRequest } from './unit-protocol';

interface Helper {
  worker: Worker;
  pending: Map<number, { resolve(reply: UnitReply): void; reject(error: Error): void }>;
}

export class UnitPool implements UnitRunner {
  readonly parallelism: number;
  private readonly helpers: Helper[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    workerScript: string,
    job: Omit<UnitJob, 'spoolPrefix'> & { spoolPrefix: string },
    private readonly deliverBatch: (batch: SpooledBatch) => Promise<void>,
    threads = Math.max(1, Math.min(4, availableParallelism())),
  ) {
    this.parallelism = threads;
    for (let n = 0; n < threads; n++) {
      const worker = new Worker(workerScript, { workerData: { ...job, spoolPrefix: `${job.spoolPrefix}-h${n}` } satisfies UnitJob });
      const helper: Helper = { worker, pending: new Map() };
      worker.on('message', (reply: UnitReply) => {
        const waiting = helper.pending.get(reply.id);
        helper.pending.delete(reply.id);
        waiting?.resolve(reply);
      });
      const fail = (reason: string): void => {
        for (const waiting of helper.pending.values()) waiting.reject(new Error(`${job.path}: ${reason}`));
        helper.pending.clear();
      };
      worker.on('error', (error) => fail(`helper thread crashed: ${error.message}`));
      worker.on('exit', (code) => fail(`helper thread stopped unexpectedly (exit code ${code})`));
      this.helpers.push(helper);
    }
  }

  run(input: unknown, transfer: ArrayBuffer[]): Promise<UnitOutcome> {
    if (this.closed) return Promise.reject(new Error('unit pool is closed'));
    // The helper with the least to do takes the unit.
    const helper = this.helpers.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    const id = this.nextId++;
    const reply = new Promise<UnitReply>((resolve, reject) => helper.pending.set(id, { resolve, reject }));
    helper.worker.postMessage({ id, input } satisfies UnitRequest, transfer);
    return reply.then((answer) => {
      if (answer.error !== undefined) throw new Error(answer.error);
      const { batch } = answer;
      return { summary: answer.summary, events: answer.events, deliver: () => (batch ? this.deliverBatch(batch) : Promise.resolve()) };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.helpers.map((helper) => helper.worker.terminate()));
  }
}
