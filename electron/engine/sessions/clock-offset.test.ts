import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../../shared/model/log-event';
import type { IngestItem } from '../ingest/ingest-item';
import { SpoolWriter } from '../ingest/spool';
import { EventStore } from '../store/event-store';
import { setClockOffset } from './clock-offset';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

function entry(line: number, time: number | null): IngestItem {
  return {
    kind: 'event',
    event: { time, level: 'information', provider: null, eventId: null, category: null, computer: null, user: null, channel: null, recordId: null, message: `entry ${line}`, data: null, raw: '', line },
  };
}

describe('clock offsets', () => {
  let store: EventStore;
  let spoolDir: string;
  const source = { id: 1, clockOffsetMs: 0 } as SourceInfo;
  beforeEach(async () => {
    store = await EventStore.create();
    spoolDir = mkdtempSync(join(tmpdir(), 'logsift-offset-'));
    source.clockOffsetMs = 0;
  });
  afterEach(() => store.close());

  /** Stores entries as the engine does: spooled, then bulk-loaded with the source's offset at that moment. */
  async function storeEntries(items: IngestItem[], sourceId = source.id, clockOffsetMs = source.clockOffsetMs): Promise<void> {
    const spool = new SpoolWriter(spoolDir, `s${Math.random()}`);
    spool.add(items);
    await store.appendSpooledMany([{ sourceId, batch: (await spool.flush())!, clockOffsetMs }]);
  }

  const times = async (sourceId = source.id) =>
    (await store.read('SELECT time_ms FROM events WHERE source_id = $1 ORDER BY line', [sourceId])).map((row) => (row.time_ms === null ? null : Number(row.time_ms)));

  it('moves stored times by the change of offset and inserts later rows with it; untimed rows stay untimed', async () => {
    await storeEntries([entry(1, T0), entry(2, null)]);
    await storeEntries([entry(1, T0)], 2);
    expect(await setClockOffset(store, source, 90_000)).toBe(true);
    expect(await times()).toEqual([T0 + 90_000, null]);
    await storeEntries([entry(3, T0 + 1000)]);
    expect(await times()).toEqual([T0 + 90_000, null, T0 + 1000 + 90_000]);
    // Replaced, not added to.
    await setClockOffset(store, source, -1000);
    expect(await times()).toEqual([T0 - 1000, null, T0]);
    expect(await setClockOffset(store, source, -1000)).toBe(false);
    expect(await times(2)).toEqual([T0]);
    await expect(setClockOffset(store, source, 1.5)).rejects.toThrow('whole number');
  });

  it('shifts every row exactly once when the offset changes while an insert is queued', async () => {
    const spool = new SpoolWriter(spoolDir, 'race');
    spool.add([entry(1, T0)]);
    const batch = (await spool.flush())!;
    // The insert is queued with the old offset; the update queued after it moves it.
    const inserted = store.appendSpooledMany([{ sourceId: source.id, batch, clockOffsetMs: source.clockOffsetMs }]);
    const shifted = setClockOffset(store, source, 5000);
    await Promise.all([inserted, shifted]);
    expect(await times()).toEqual([T0 + 5000]);
  });
});
