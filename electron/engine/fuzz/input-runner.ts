/**
 * Runs fuzz inputs on a worker thread, one at a time, so that whatever an input does to the
 * parser cannot take the fuzzer down: each input has a time bound (a hang detector, generous
 * enough for a loaded machine: not a performance check), and the thread has a heap limit. A
 * timeout, running out of memory or a crash stops the thread and becomes the input's failure; a
 * fresh thread takes the next input. Threads are also replaced after a batch of inputs, so
 * state one input leaves behind (caches, leaks) is not blamed on a later one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzFailure, FuzzInput, InputOutcome } from './fuzz-input';
import type { WorkerReply, WorkerRequest } from './fuzz-worker';

export interface RunnerLimits {
  /** Longest an input may take before it counts as a hang. */
  timeoutMs: number;
  /** The worker's V8 old-generation heap, in MB. */
  maxOldGenerationSizeMb: number;
  /** Inputs a worker reads before it is replaced. */
  inputsPerWorker: number;
}

export const DEFAULT_LIMITS: RunnerLimits = { timeoutMs: 5000, maxOldGenerationSizeMb: 512, inputsPerWorker: 200 };

interface LiveWorker {
  worker: Worker;
  dir: string;
  used: number;
  ready: Promise<void>;
  /** Set when the thread has ended, even between inputs (a stray timer that threw). */
  exited: boolean;
}

export class InputRunner {
  private live: LiveWorker | undefined;
  private nextId = 0;

  constructor(
    private readonly workerScript: string,
    private readonly limits: RunnerLimits = DEFAULT_LIMITS,
  ) {}

  /** Reads one input; never rejects (whatever goes wrong is the input's failure). */
  async run(input: FuzzInput, timeoutMs = this.limits.timeoutMs): Promise<InputOutcome> {
    if (this.live && (this.live.used >= this.limits.inputsPerWorker || this.live.exited)) await this.stop();
    const live = (this.live ??= this.start());
    try {
      await live.ready;
    } catch (error) {
      await this.stop();
      return failed({ kind: 'worker-crash', code: 'worker did not start', message: String(error), mode: 'harness' });
    }
    live.used++;
    const id = this.nextId++;
    const outcome = await new Promise<InputOutcome | FuzzFailure>((resolve) => {
      const { worker } = live;
      const done = (result: InputOutcome | FuzzFailure): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (reply: WorkerReply): void => {
        if (reply.type === 'outcome' && reply.id === id) done(reply.outcome);
      };
      const onError = (error: Error & { code?: string }): void => {
        const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        done({
          kind: outOfMemory ? 'out-of-memory' : 'worker-crash',
          code: outOfMemory ? 'heap limit reached' : `${error.name}: ${error.message.replace(/\d+/g, 'N').slice(0, 80)}`,
          message: outOfMemory ? `more than ${this.limits.maxOldGenerationSizeMb} MB of heap` : (error.stack ?? error.message),
          mode: 'harness',
        });
      };
      const onExit = (code: number): void => done({ kind: 'worker-crash', code: 'worker exited', message: `exit code ${code}`, mode: 'harness' });
      const timer = setTimeout(
        () => done({ kind: 'timeout', code: 'no answer in time', message: `no answer within ${timeoutMs} ms`, mode: 'harness' }),
        timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, input } satisfies WorkerRequest);
    });
    if ('kind' in outcome) {
      await this.stop();
      return failed(outcome);
    }
    return outcome;
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private start(): LiveWorker {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-fuzz-'));
    const worker = new Worker(this.workerScript, {
      workerData: { dir },
      execArgv: ['--enable-source-maps'],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 64 },
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (reply: WorkerReply): void => {
        if (reply.type !== 'ready') return;
        worker.off('error', reject);
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    ready.catch(() => undefined);
    const live: LiveWorker = { worker, dir, used: 0, ready, exited: false };
    // Between inputs nobody else listens: an unheard 'error' event would end the fuzzer itself.
    worker.on('error', () => undefined);
    worker.on('exit', () => (live.exited = true));
    return live;
  }

  private async stop(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    if (!live) return;
    await live.worker.terminate().catch(() => undefined);
    rmSync(live.dir, { recursive: true, force: true });
  }
}

function failed(failure: FuzzFailure): InputOutcome {
  return { failures: [failure], events: 0, unparsed: 0, damage: 0 };
}
