/**
 * One log, two shapes: the same 239 events exported by Event Viewer as CSV and read natively from
 * the .evtx must agree — event IDs, providers and times to the second. The CSV holds the
 * exporting machine's wall-clock time with no zone (US Pacific, across a daylight-saving change),
 * which is exactly what "Read as… times were written in" is for.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { readSource, type ReadSourceOptions } from '../ingest/read-source';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'logs');

async function eventsOf(path: string, options: ReadSourceOptions = {}): Promise<ParsedEvent[]> {
  const events: ParsedEvent[] = [];
  await readSource(path, options, {
    detected: () => undefined,
    progress: () => undefined,
    batch: (items) => {
      for (const item of items) if (item.kind === 'event') events.push(item.event);
    },
  });
  return events;
}

const key = (event: ParsedEvent) => `${event.provider}|${event.eventId}|${event.level}|${Math.floor(event.time! / 1000)}`;

describe('the Event Viewer CSV export and the .evtx it came from', () => {
  it('hold the same 239 events once the CSV is read in the zone it was written in', async () => {
    const csvPath = join(FIXTURES, 'eventviewer-csv', 'mta_test_eventviewer_export.csv');
    const csv = await eventsOf(csvPath, { timeZone: 'America/Los_Angeles' });
    const evtx = await eventsOf(join(FIXTURES, 'evtx', 'omerbenamram_mta_test.evtx'));
    expect(csv).toHaveLength(239);
    expect(evtx).toHaveLength(239);
    expect(evtx.map(key).sort()).toEqual(csv.map(key).sort());
    // Read as written (no zone stated), the times are off by the zone offset: the check can fail.
    const asWritten = await eventsOf(csvPath);
    expect(evtx.map(key).sort()).not.toEqual(asWritten.map(key).sort());
  });

  it('render the same messages when the .evtx comes with its LocaleMetaData, as Event Viewer saves it', async () => {
    // Event Viewer's "save with display information" layout: test.evtx + LocaleMetaData/test_1033.MTA.
    const folder = mkdtempSync(join(tmpdir(), 'logsift-mta-'));
    mkdirSync(join(folder, 'LocaleMetaData'));
    copyFileSync(join(FIXTURES, 'evtx', 'omerbenamram_mta_test.evtx'), join(folder, 'test.evtx'));
    copyFileSync(join(FIXTURES, '..', 'locale-metadata', 'mta_test_1033.MTA'), join(folder, 'LocaleMetaData', 'test_1033.MTA'));
    const evtx = await eventsOf(join(folder, 'test.evtx'));
    const csv = await eventsOf(join(FIXTURES, 'eventviewer-csv', 'mta_test_eventviewer_export.csv'), { timeZone: 'America/Los_Angeles' });
    const messages = (events: ParsedEvent[]) => events.map((e) => `${key(e)}|${e.message}`).sort();
    expect(messages(evtx)).toEqual(messages(csv));
    // Without the companion file the messages cannot be rendered: the comparison is a real one.
    const bare = await eventsOf(join(FIXTURES, 'evtx', 'omerbenamram_mta_test.evtx'));
    expect(messages(bare)).not.toEqual(messages(csv));
  });
});
