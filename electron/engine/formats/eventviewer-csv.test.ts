import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { readSource, type ReadSourceOptions } from '../ingest/read-source';
import { eventViewerCsv } from './eventviewer-csv';

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'logs', 'eventviewer-csv');
const context = { fileName: 'x.csv', modifiedTime: 0, options: {} };

async function eventsOf(file: string, options: ReadSourceOptions = {}): Promise<ParsedEvent[]> {
  const events: ParsedEvent[] = [];
  await readSource(join(DIR, file), options, {
    detected: () => undefined,
    progress: () => undefined,
    batch: (items) => {
      for (const item of items) if (item.kind === 'event') events.push(item.event);
    },
  });
  return events;
}

describe('Event Viewer CSV/TXT exports', () => {
  it('recognises the header in every supported language, and nothing else', () => {
    expect(eventViewerCsv.detect('Level,Date and Time,Source,Event ID,Task Category\r\n', context)).toBeGreaterThan(0.9);
    expect(eventViewerCsv.detect('Level\tDate and Time\tSource\tEvent ID\tTask Category\n', context)).toBeGreaterThan(0.9);
    expect(eventViewerCsv.detect("Niveau,Date et heure,Source,ID de l'événement,Catégorie de la tâche\n", context)).toBeGreaterThan(0.9);
    expect(eventViewerCsv.detect('Level,Date and Time,Source\n', context)).toBe(0);
    expect(eventViewerCsv.detect('2025-01-01 10:00:00 ERROR boom\n', context)).toBe(0);
  });

  it('reads the same rows identically whatever language and date shape the export used', async () => {
    const english = (await eventsOf('mta_test_eventviewer_export.csv')).slice(0, 30);
    const derived = readdirSync(DIR).filter((name) => name.startsWith('derived_') && name.endsWith('.csv'));
    expect(derived.length).toBeGreaterThanOrEqual(6);
    for (const file of derived) {
      const events = await eventsOf(file);
      expect(events.map((e) => e.time), file).toEqual(english.map((e) => e.time));
      expect(events.map((e) => e.eventId), file).toEqual(english.map((e) => e.eventId));
      expect(events.map((e) => e.message), file).toEqual(english.map((e) => e.message));
      expect(events.filter((e) => e.level === 'warning').length, file).toBe(6);
      expect(events.filter((e) => e.level === 'error').length, file).toBe(4);
    }
  });

  it('reads the tab-separated UTF-16 .txt export with a multi-line message', async () => {
    const events = await eventsOf('derived_tab_export.txt');
    expect(events).toHaveLength(12);
    expect(events[3]!.message).toContain('\nSecond line of the message.\n\tIndented third line.');
    expect(events[4]!.level).toBe('warning');
  });

  it('converts from the time zone the user states, and honours a stated date order', async () => {
    const [asWritten] = await eventsOf('mta_test_eventviewer_export.csv');
    const [berlin] = await eventsOf('mta_test_eventviewer_export.csv', { timeZone: 'Europe/Berlin' });
    expect(asWritten!.time! - berlin!.time!).toBe(60 * 60 * 1000); // 9 December: UTC+1
    const [dayFirst] = await eventsOf('mta_test_eventviewer_export.csv', { dayFirst: true });
    expect(new Date(dayFirst!.time!).toISOString()).toBe('2025-09-12T17:37:32.000Z');
  });
});

describe('Event Viewer CSV rows with hostile values (found by fuzzing)', () => {
  async function parse(text: string): Promise<{ events: ParsedEvent[]; reasons: string[] }> {
    const events: ParsedEvent[] = [];
    const reasons: string[] = [];
    async function* chunks(): AsyncGenerator<string> {
      yield text;
    }
    await eventViewerCsv.parse(chunks(), { event: (e) => events.push(e), unparsed: (r) => reasons.push(r.reason), skipped: () => undefined }, context);
    return { events, reasons };
  }

  it('does not take Object.prototype members for level words', async () => {
    const { events, reasons } = await parse('Level,Date and Time,Source,Event ID,Task Category\n__proto__,2/10/2024 3:55:21 AM,svc,1,None,m\nconstructor,2/10/2024 3:55:21 AM,svc,1,None,m\n');
    expect(events).toEqual([]);
    expect(reasons).toEqual(['unknown level word "__proto__"', 'unknown level word "constructor"']);
  });

  it('leaves out an event ID too large for the store, keeping the row', async () => {
    const { events } = await parse('Level,Date and Time,Source,Event ID,Task Category\nError,2/10/2024 3:55:21 AM,svc,99999999999,None,m\n');
    expect(events.map((e) => [e.eventId, e.raw.includes('99999999999')])).toEqual([[null, true]]);
  });
});
