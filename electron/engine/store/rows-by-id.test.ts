import { describe, expect, it } from 'vitest';
import { EventStore } from './event-store';
import { idRanges, readRowsById } from './rows-by-id';
import { storeTestEntries, testEvent } from './store-test-entries';

describe('idRanges', () => {
  it('keeps ids lying close together in one range, whatever their order', () => {
    expect(idRanges([7, 3, 5, 1007, 200_000], 1000)).toEqual([
      { first: 3, last: 1007, ids: [3, 5, 7, 1007] },
      { first: 200_000, last: 200_000, ids: [200_000] },
    ]);
    expect(idRanges([])).toEqual([]);
  });

  it('reads ids far apart as ranges of their own', () => {
    const ids = Array.from({ length: 50 }, (_, i) => 7 + i * 100_000);
    expect(idRanges(ids)).toEqual(ids.map((id) => ({ first: id, last: id, ids: [id] })));
  });
});

describe('readRowsById', () => {
  it('reads rows in the order asked, leaving out ids no longer stored', async () => {
    const store = await EventStore.create();
    try {
      await storeTestEntries(
        store,
        1,
        Array.from({ length: 50 }, (_, i) => testEvent({ message: `entry ${i}` })),
      );
      const connection = await store.connect();
      const rows = await readRowsById(connection, 'id, message', [42, 3, 999, 17, 0]);
      connection.closeSync();
      expect(rows.map((row) => [Number(row.id), row.message])).toEqual([
        [42, 'entry 42'],
        [3, 'entry 3'],
        [17, 'entry 17'],
        [0, 'entry 0'],
      ]);
    } finally {
      store.close();
    }
  });
});
