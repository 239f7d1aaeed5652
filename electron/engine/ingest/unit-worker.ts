/**
 * Helper-thread entry: parses units of one file with its format's unit parser (for .evtx, runs of
 * chunks) and spools each unit's entries to a file of its own, so that neither the events nor
 * their spool text pass through the thread that reads the file. See unit-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { UnitParserState } from '../formats/binary-format';
import { formatById } from '../formats/registry';
import { sourceContext } from './read-source';
import { kbClassifier, SpoolWriter } from './spool';
import type { UnitJob, UnitReply, UnitRequest } from './unit-protocol';

const job = workerData as UnitJob;
const spool = new SpoolWriter(job.spoolDir, job.spoolPrefix, kbClassifier(job.kbRules));

async function prepare(): Promise<UnitParserState<unknown, unknown>> {
  const plugin = formatById(job.format);
  if (!plugin || !('units' in plugin) || !plugin.units) throw new Error(`format ${job.format} has no unit parser`);
  return plugin.units.prepare(sourceContext(job.path, job.modifiedTime, job.options));
}

const ready = prepare();
// Units are parsed one after another, in the order they arrive.
let queue = Promise.resolve();

parentPort!.on('message', (request: UnitRequest) => {
  queue = queue.then(async () => {
    let reply: UnitReply;
    try {
      const parser = await ready;
      let events = 0;
      const summary = parser.parse(request.input, (some) => {
        events += some.length;
        spool.add(some.map((event) => ({ kind: 'event', event })));
      });
      const batch = await spool.flush();
      reply = { id: request.id, batch, events, summary };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
  });
});
