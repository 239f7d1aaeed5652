/**
 * The helper-thread path of a binary format (.evtx chunks parsed in units on helper threads,
 * for files of 4 MB and more) run on this thread, with units finishing out of order as they do on
 * real helpers: it must give exactly what the one-thread path gave — the same events in the same
 * order, the same damage. Fuzz inputs are far below the size that takes that path in the app.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { BinaryFormatPlugin, DamageReport, RandomAccessFile, UnitRunner } from '../formats/binary-format';
import type { ParseContext } from '../formats/format';
import { firstDifference, itemDigest } from './chunking';
import { errorCode, errorMessage } from './describe-error';
import type { Violation } from './output-invariants';

async function unitsOnThisThread(plugin: BinaryFormatPlugin, context: ParseContext, deliverTo: (events: readonly ParsedEvent[]) => void): Promise<UnitRunner> {
  const state = await plugin.units!.prepare(context);
  let started = 0;
  return {
    parallelism: 3,
    run(input, transfer) {
      const parsed: ParsedEvent[] = [];
      const summary = state.parse(structuredClone(input, { transfer }), (some) => {
        for (const event of some) parsed.push(event);
      });
      // Later units may finish first, as on real helper threads.
      const delay = (started++ * 7) % 5;
      return new Promise((resolve) => setTimeout(() => resolve({ summary, events: parsed.length, deliver: async () => deliverTo(parsed) }), delay));
    },
  };
}

/** Differences between the helper-thread path and the one-thread path's `digests` and `damage`. */
export async function unitsViolations(
  plugin: BinaryFormatPlugin,
  bytes: Uint8Array,
  context: ParseContext,
  digests: readonly number[],
  damage: readonly DamageReport[],
): Promise<Violation[]> {
  if (!plugin.units) return [];
  const file: RandomAccessFile = { size: bytes.length, read: async (at, length) => bytes.slice(at, Math.min(bytes.length, at + length)) };
  const viaUnits: number[] = [];
  const damageViaUnits: DamageReport[] = [];
  try {
    const units = await unitsOnThisThread(plugin, context, (events) => {
      for (const event of events) viaUnits.push(itemDigest({ kind: 'event', event }));
    });
    await plugin.parse(
      file,
      { units, event: (event) => viaUnits.push(itemDigest({ kind: 'event', event })), damaged: (report) => damageViaUnits.push(report), progress: () => undefined },
      context,
    );
  } catch (error) {
    return [{ code: `units-throw: ${errorCode(error)}`, message: errorMessage(error) }];
  }
  const at = firstDifference(digests, viaUnits);
  if (at >= 0) return [{ code: 'units-change-events', message: `on helper threads event ${at} differs (${viaUnits.length} events, ${digests.length} on one thread)` }];
  // The reader keeps the first 200 damage reports in full (then a summary): compare when it kept all.
  if (damage.length <= 200 && JSON.stringify(damageViaUnits) !== JSON.stringify(damage)) {
    return [{ code: 'units-change-damage', message: `on helper threads ${damageViaUnits.length} damage reports, ${damage.length} on one thread` }];
  }
  return [];
}
