/**
 * Test data for store queries: entries shaped as ingest workers hand them over, stored the way
 * they store them (spooled to a file, then bulk-loaded), so tests run against the real table.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { IngestItem } from '../ingest/ingest-item';
import { SpoolWriter } from '../ingest/spool';
import type { EventStore } from './event-store';

/** An Exchange-looking event on 1 January 2025, with the fields given instead. */
export function testEvent(overrides: Partial<ParsedEvent>): IngestItem {
  return {
    kind: 'event',
    event: {
      time: Date.UTC(2025, 0, 1),
      level: 'information',
      provider: 'MSExchangeTransport',
      eventId: 1,
      category: null,
      computer: 'EXCH01',
      user: null,
      channel: 'Application',
      recordId: null,
      message: 'hello',
      data: null,
      raw: 'raw',
      line: 1,
      ...overrides,
    },
  };
}

/** Stores entries of one source; their row ids continue the store's arrival order. */
export async function storeTestEntries(store: EventStore, sourceId: number, items: IngestItem[]): Promise<void> {
  const spool = new SpoolWriter(mkdtempSync(join(tmpdir(), 'logsift-spool-')), `s${sourceId}`);
  spool.add(items);
  await store.appendSpooled(sourceId, (await spool.flush())!);
}
