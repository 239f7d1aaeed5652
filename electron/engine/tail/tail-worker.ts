/**
 * Worker-thread entry for live tailing: watches the folders the engine names, follows their files
 * (FileFollower) and spools what they gain, so that neither watching nor parsing runs on the
 * thread that answers the UI. Batches wait for the engine's acknowledgement past MAX_IN_FLIGHT.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SpooledBatch } from '../ingest/spool';
import { FileFollower } from './file-follower';
import type { TailCommand, TailEvent, TailWorkerData } from './tail-protocol';

/** Batches sent but not yet stored; many files' batches are stored together. */
const MAX_IN_FLIGHT = 256;
const data = workerData as TailWorkerData;
let inFlight = 0;
const waiting: (() => void)[] = [];

function post(event: TailEvent): void {
  parentPort!.postMessage(event);
}

async function send(fileKey: number, batch: SpooledBatch): Promise<void> {
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((wake) => waiting.push(wake));
  inFlight++;
  post({ type: 'spooled', fileKey, batch });
}

const follower = new FileFollower({ post, send }, data.spoolDir, data.kbRules);

parentPort!.on('message', (command: TailCommand) => {
  switch (command.type) {
    case 'ack':
      inFlight--;
      waiting.shift()?.();
      break;
    case 'watch':
      follower.watch(command.watchId, command.root, command.options, command.read);
      break;
    case 'unwatch':
      void follower.unwatch(command.watchId);
      break;
    case 'rules':
      follower.setRules(command.kbRules);
      break;
  }
});
