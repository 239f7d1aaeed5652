/**
 * Worker-thread entry of the fuzzer: reads the inputs it is sent, one at a time, in its own
 * folder, and answers with what each produced. It runs under resource limits set by its parent
 * (input-runner.ts), which stops it when an input takes too long; a crash or running out of
 * memory ends the thread, and the parent blames the input it was reading.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorCode, errorMessage } from './describe-error';
import type { FuzzInput, InputOutcome } from './fuzz-input';
import { runInput } from './run-input';

export interface WorkerRequest {
  id: number;
  input: FuzzInput;
}

export type WorkerReply = { type: 'ready' } | { type: 'outcome'; id: number; outcome: InputOutcome };

const { dir } = workerData as { dir: string };
const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  runInput(request.input, dir).then(
    (outcome) => port.postMessage({ type: 'outcome', id: request.id, outcome } satisfies WorkerReply),
    (error: unknown) => {
      const failure = { kind: 'exception' as const, code: errorCode(error), message: errorMessage(error), mode: 'harness' };
      port.postMessage({ type: 'outcome', id: request.id, outcome: { failures: [failure], events: 0, unparsed: 0, damage: 0 } } satisfies WorkerReply);
    },
  );
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
