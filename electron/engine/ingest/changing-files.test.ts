/**
 * Files that change while the engine reads them, through the real engine (built worker, DuckDB):
 * a large log is deleted, or truncated, as soon as its first entries are stored. Reading is paced
 * by the store (a worker reads at most two batches ahead of what is stored), so at that moment only
 * the first few MB have been read, whatever the machine's speed.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { rmSync, mkdtempSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountingProblems, completeLoadProblems, laterOpenProblems, LINE_BYTES, sourceOf, writeNumberedLog } from '../bad-input-test-support';
import { Engine } from '../engine';
import { WORKER } from '../engine-test-support';
import { grouped } from './open-file';

/** 400,000 lines of 64 bytes: 25.6 MB. */
const BIG_LINES = 400_000;
const GOOD_LINES = 300;

describe('files that change while they are read', () => {
  let engine: Engine;
  let dir: string;
  let big: string;
  let good: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-changing-'));
    big = join(dir, 'big.log');
    good = join(dir, 'good.log');
    writeNumberedLog(big, BIG_LINES);
    writeNumberedLog(good, GOOD_LINES);
    engine = await Engine.create({ workerScript: WORKER, userDataDir: join(dir, 'user') });
  });
  afterEach(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Opens the big and the good file in one call and runs `change` on the big file right after its
   * first entries are stored: inside the store's own notification, before the worker may read on.
   * Returns the big file's events at that moment.
   */
  async function openAndChangeWhileRead(change: () => void): Promise<number> {
    let eventsWhenChanged: number | undefined;
    const stop = engine.onStored(() => {
      const source = engine.openedSources().find(({ openedPath }) => openedPath === big)?.source;
      if (eventsWhenChanged !== undefined || !source || source.events === 0) return;
      eventsWhenChanged = source.events;
      change();
    });
    await engine.openPaths([big, good], { expandDirectories: false });
    await engine.whenIdle();
    stop();
    expect(eventsWhenChanged).toBeDefined();
    return eventsWhenChanged!;
  }

  it('reads a file deleted while it is read to its end, and says it was deleted', async () => {
    // An open file stays readable after its deletion (Linux, macOS): nothing is lost, and the user is
    // told that the entries come from a file that no longer exists.
    const eventsWhenDeleted = await openAndChangeWhileRead(() => rmSync(big));
    expect(eventsWhenDeleted).toBeLessThan(BIG_LINES);
    const sources = await engine.listSources();
    const deleted = sourceOf(sources, big);
    expect(deleted).toMatchObject({ status: 'ready', events: BIG_LINES, unparsed: 0, lines: BIG_LINES, bytesRead: BIG_LINES * LINE_BYTES, bytesTotal: BIG_LINES * LINE_BYTES });
    expect(deleted.errors).toEqual([
      `${big}: the file was deleted while it was read; it was still read to its end (${grouped(BIG_LINES * LINE_BYTES)} bytes), as an open file stays readable — it cannot be read again`,
    ]);
    expect(await accountingProblems(engine, deleted)).toEqual([]);
    expect(await completeLoadProblems(engine, sourceOf(sources, good), GOOD_LINES)).toEqual([]);
    expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
  }, 120_000);

  it('keeps what was read of a file truncated while it is read, and says where it became shorter', async () => {
    const keptLines = BIG_LINES / 2;
    const keptBytes = keptLines * LINE_BYTES;
    const eventsWhenTruncated = await openAndChangeWhileRead(() => truncateSync(big, keptBytes));
    expect(eventsWhenTruncated).toBeLessThan(keptLines);
    const sources = await engine.listSources();
    const truncated = sourceOf(sources, big);
    // Everything up to the new end is read, nothing after it is claimed.
    expect(truncated).toMatchObject({ status: 'ready', events: keptLines, unparsed: 0, lines: keptLines, bytesRead: keptBytes, bytesTotal: BIG_LINES * LINE_BYTES });
    expect(truncated.errors).toEqual([
      `${big}: the file became shorter while it was read (at byte ${grouped(keptBytes)}; ${grouped(keptLines)} lines read before) — ` +
        `it was ${grouped(BIG_LINES * LINE_BYTES)} bytes when opened and is ${grouped(keptBytes)} now; ${grouped(BIG_LINES * LINE_BYTES - keptBytes)} bytes were not read`,
    ]);
    expect(await accountingProblems(engine, truncated)).toEqual([]);
    // The last line before the new end is there; the first after it is not.
    const withNumber = async (n: number) => (await engine.countEvents({ sourceIds: [truncated.id], text: String(n).padStart(8, '0') })).shown;
    expect([await withNumber(keptLines), await withNumber(keptLines + 1)]).toEqual([1, 0]);
    expect(await completeLoadProblems(engine, sourceOf(sources, good), GOOD_LINES)).toEqual([]);
    expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
  }, 120_000);
});
