import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestItem } from '../ingest/ingest-item';
import { SpoolWriter } from '../ingest/spool';
import { EventStore } from '../store/event-store';
import { BookmarkQueries } from './bookmark-queries';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

function entry(line: number, time: number | null, message = `entry ${line}`): IngestItem {
  return {
    kind: 'event',
    event: { time, level: 'information', provider: null, eventId: null, category: null, computer: null, user: null, channel: null, recordId: null, message, data: null, raw: '', line },
  };
}

describe('bookmark queries', () => {
  let store: EventStore;
  let queries: BookmarkQueries;
  beforeEach(async () => {
    store = await EventStore.create();
    queries = new BookmarkQueries(store);
    const spool = new SpoolWriter(mkdtempSync(join(tmpdir(), 'logsift-bookmarks-')), 's');
    // Line 4 is later in the file but earlier in time; line 9 has no time.
    spool.add([entry(2, T0 + 2000, `${'long '.repeat(100)}end`), entry(4, T0), entry(9, null), ...Array.from({ length: 2500 }, (_, i) => entry(100 + i, T0 + 10_000 + i))]);
    await store.appendSpooled(1, (await spool.flush())!);
    const other = new SpoolWriter(mkdtempSync(join(tmpdir(), 'logsift-bookmarks-')), 't');
    other.add([entry(2, T0 + 5000)]);
    await store.appendSpooled(2, (await other.flush())!);
  });
  afterEach(() => store.close());

  const idAt = async (sourceId: number, line: number) =>
    Number((await store.read('SELECT id FROM events WHERE source_id = $1 AND line = $2', [sourceId, line]))[0]!.id);

  it('finds an entry with the start of its message', async () => {
    const target = await queries.target(await idAt(1, 2));
    expect(target).toEqual({ sourceId: 1, line: 2, message: 'long '.repeat(40) });
    expect(await queries.target(999_999)).toBeNull();
  });

  it('applies many bookmarks by line to one source only, comments kept as given, and lists them in time order', async () => {
    const comment = `it's "quoted" -- ; DROP TABLE events; \u0001 🪵`;
    const many = Array.from({ length: 2500 }, (_, i) => ({ line: 100 + i, comment: `c${i}` }));
    await queries.apply(1, [{ line: 2, comment }, { line: 4, comment: '' }, { line: 9, comment: 'untimed' }, ...many]);
    const list = await queries.list();
    expect(list).toHaveLength(2503);
    expect(list.slice(0, 2).map(({ line, comment: text }) => [line, text])).toEqual([
      [4, ''],
      [2, comment],
    ]);
    expect(list.at(-1)).toMatchObject({ sourceId: 1, line: 9, comment: 'untimed' });
    expect(list.every((bookmark) => bookmark.sourceId === 1)).toBe(true);
    expect((await queries.bookmarkedMessages(1)).get(4)).toBe('entry 4');
  });

  it('marks and unmarks a line in the sources given', async () => {
    await queries.mark([1, 2], 2, 'both');
    expect((await queries.list()).map(({ sourceId }) => sourceId)).toEqual([1, 2]);
    await queries.mark([2], 2, null);
    expect((await queries.list()).map(({ sourceId, comment }) => [sourceId, comment])).toEqual([[1, 'both']]);
  });

  it('tells which lines a source has', async () => {
    expect([...(await queries.storedLines(1, [2, 3, 9, 2599, 2600]))].sort((a, b) => a - b)).toEqual([2, 9, 2599]);
    expect(await queries.storedLines(2, [4])).toEqual(new Set());
  });
});
