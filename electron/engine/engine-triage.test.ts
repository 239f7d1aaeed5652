/**
 * Bookmarks, clock offsets and sidecar files end to end: the real engine (built ingest and tail
 * workers, DuckDB) on log files written to a temporary folder. Sessions: engine-sessions.test.ts.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventDetail } from '../../shared/model/log-event';
import { Engine } from './engine';
import { ROOT, WORKER, sleep, until } from './engine-test-support';

/** Lines `from`..`to` of a plain-text log, one entry each, a second apart. */
function logLines(from: number, to: number): string {
  let text = '';
  for (let n = from; n <= to; n++) text += `2026-11-26 10:00:${String(n % 60).padStart(2, '0')} INFO app entry ${n}\n`;
  return text;
}

describe('bookmarks, clock offsets and sidecars', () => {
  let engine: Engine;
  let folder: string;
  let userData: string;
  let log: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'logsift-triage-'));
    userData = mkdtempSync(join(tmpdir(), 'logsift-triage-user-'));
    log = join(folder, 'app.log');
    writeFileSync(log, logLines(1, 10));
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
  });
  afterEach(() => engine.close());

  /** Every stored entry with its detail, in arrival order. */
  async function entries(of = engine): Promise<EventDetail[]> {
    const { rows } = await of.queryEvents({ query: { showHidden: true }, offset: 0, limit: 1000 });
    const details = await Promise.all(rows.map((row) => of.getEvent(row.id)));
    return details.filter((detail): detail is EventDetail => detail !== null).sort((a, b) => a.id - b.id);
  }

  async function entryAt(line: number, of = engine): Promise<EventDetail> {
    const entry = (await entries(of)).find((candidate) => candidate.line === line);
    if (!entry) throw new Error(`no entry at line ${line}`);
    return entry;
  }

  async function open(path = log, of = engine): Promise<number> {
    const [source] = await of.openPaths([path], { expandDirectories: false });
    await of.whenIdle();
    return source!.id;
  }

  const sidecar = (path: string) => JSON.parse(readFileSync(`${path}.logsift.json`, 'utf8'));
  const fallbackOf = (path: string) => join(userData, 'sidecars', `${createHash('sha256').update(path).digest('hex')}.json`);

  it('saves bookmarks beside the file and puts them back on the same entries after close, reopen and restart', async () => {
    const sourceId = await open();
    const third = await entryAt(3);
    const seventh = await entryAt(7);
    expect(await engine.setBookmark(third.id, 'first failure')).toEqual({ eventId: third.id, sourceId, line: 3, comment: 'first failure' });
    await engine.setBookmark(seventh.id, '');
    const saved = sidecar(log);
    expect(saved).toEqual({
      logsift: 'bookmarks',
      version: 1,
      file: 'app.log',
      bookmarks: [
        { line: 3, comment: 'first failure', created: expect.any(String), message: third.message },
        { line: 7, comment: '', created: expect.any(String), message: seventh.message },
      ],
    });
    expect(new Date(saved.bookmarks[0].created).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // A new comment keeps when the bookmark was made.
    await engine.setBookmark(third.id, 'first failure, then retries');
    expect(sidecar(log).bookmarks[0]).toMatchObject({ comment: 'first failure, then retries', created: saved.bookmarks[0].created });
    expect((await entryAt(3)).bookmark).toBe('first failure, then retries');
    expect((await entryAt(4)).bookmark).toBeNull();

    await engine.closeSource(sourceId);
    expect(await engine.listBookmarks()).toEqual([]);
    const reopenedId = await open();
    const back = await engine.listBookmarks();
    expect(back.map(({ sourceId: id, line, comment }) => [id, line, comment])).toEqual([
      [reopenedId, 3, 'first failure, then retries'],
      [reopenedId, 7, ''],
    ]);
    expect((await entryAt(7)).bookmark).toBe('');
    expect(back[0]!.eventId).toBe((await entryAt(3)).id);

    // Read again with other options: the rows are new, the bookmarks come back on them.
    await engine.reopenSource(reopenedId, { timeZone: 'UTC' });
    await engine.whenIdle();
    expect((await engine.listBookmarks()).map(({ line }) => line)).toEqual([3, 7]);

    await engine.removeBookmark((await entryAt(7)).id);
    expect(sidecar(log).bookmarks.map((bookmark: { line: number }) => bookmark.line)).toEqual([3]);
    expect((await entryAt(7)).bookmark).toBeNull();

    engine.close();
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
    await open();
    expect((await engine.listBookmarks()).map(({ line, comment }) => [line, comment])).toEqual([[3, 'first failure, then retries']]);
    expect((await engine.listSources())[0]!.errors).toEqual([]);

    // The last one removed: no sidecar is left behind.
    await engine.removeBookmark((await entryAt(3)).id);
    expect(existsSync(`${log}.logsift.json`)).toBe(false);
    expect(readdirSync(folder)).toEqual(['app.log']);
  });

  it('saves in user data when nothing can be written beside the file, and reads them back from there', async () => {
    // Tests run as root, for whom no folder is read-only: a directory where the sidecar would go
    // makes writing it fail the same way.
    mkdirSync(`${log}.logsift.json`);
    await open();
    await engine.setBookmark((await entryAt(5)).id, 'look here');
    expect(statSync(`${log}.logsift.json`).isDirectory()).toBe(true);
    expect(readdirSync(`${log}.logsift.json`)).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(['app.log', 'app.log.logsift.json']);
    expect(JSON.parse(readFileSync(fallbackOf(log), 'utf8'))).toMatchObject({ file: 'app.log', bookmarks: [{ line: 5, comment: 'look here' }] });

    engine.close();
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
    await open();
    expect((await entryAt(5)).bookmark).toBe('look here');
  });

  it('keeps the bookmarks of an archive member in user data', async () => {
    const zip = join(folder, 'exports.zip');
    copyFileSync(join(ROOT, 'fixtures', 'archives', 'exports.zip'), zip);
    await engine.openPaths([zip], { expandDirectories: false });
    await engine.whenIdle();
    const [member] = await engine.listSources();
    const [first] = (await engine.queryEvents({ query: { sourceIds: [member!.id], showHidden: true }, offset: 0, limit: 1 })).rows;
    await engine.setBookmark(first!.id, 'in the zip');
    expect(readdirSync(folder).sort()).toEqual(['app.log', 'exports.zip']);
    expect(JSON.parse(readFileSync(fallbackOf(member!.path), 'utf8')).bookmarks).toHaveLength(1);
  });

  it('names a bad sidecar among the source problems and never overwrites it', async () => {
    const bad = '{"logsift": "bookmarks", "version": 1, "file": "app.log", "bookmarks": [{"line": "three", "comment": ""}]}\n';
    writeFileSync(`${log}.logsift.json`, bad);
    await open();
    const [source] = await engine.listSources();
    expect(source!.status).toBe('ready');
    expect(source!.errors).toEqual([expect.stringContaining(`${log}.logsift.json: not a Logsift bookmarks file (bookmarks.0.line:`)]);
    await expect(engine.setBookmark((await entryAt(2)).id, 'x')).rejects.toThrow('not a Logsift bookmarks file');
    expect((await entryAt(2)).bookmark).toBeNull();
    expect(readFileSync(`${log}.logsift.json`, 'utf8')).toBe(bad);
    expect(existsSync(fallbackOf(log))).toBe(false);

    writeFileSync(`${log}.logsift.json`, '{"logsift": "bookm');
    await engine.reopenSource(source!.id, {});
    await engine.whenIdle();
    expect((await engine.listSources())[0]!.errors).toEqual([expect.stringMatching(/not a Logsift bookmarks file \(.*JSON/)]);
  });

  it('shifts a source by its clock offset, replacing the last one, and keeps it when the file is read again', async () => {
    const sourceId = await open();
    const asWritten = (await entryAt(1)).time!;
    const changes: number[] = [];
    engine.on('eventsChanged', (change) => changes.push(change.version));
    await engine.setSourceClockOffset(sourceId, 3_600_000);
    expect((await entryAt(1)).time).toBe(asWritten + 3_600_000);
    expect(changes.length).toBeGreaterThan(0);
    await engine.setSourceClockOffset(sourceId, -90_000);
    expect((await entryAt(1)).time).toBe(asWritten - 90_000);
    expect((await engine.listSources())[0]!.clockOffsetMs).toBe(-90_000);

    await engine.reopenSource(sourceId, {});
    await engine.whenIdle();
    expect((await entryAt(1)).time).toBe(asWritten - 90_000);
    expect((await entryAt(10)).time).toBe(asWritten + 9_000 - 90_000);
    await engine.setSourceClockOffset(sourceId, 0);
    expect((await entryAt(1)).time).toBe(asWritten);
    await expect(engine.setSourceClockOffset(99, 1000)).rejects.toThrow('No open source with id 99.');
  });

  it('leaves sidecars out when a folder is opened', async () => {
    writeFileSync(`${log}.logsift.json`, JSON.stringify({ logsift: 'bookmarks', version: 1, file: 'app.log', bookmarks: [] }));
    writeFileSync(`${log}.logsift.json.123-1.tmp`, '{"logsift": ');
    await engine.openPaths([folder], { expandDirectories: true });
    await engine.whenIdle();
    expect((await engine.listSources()).map((source) => source.path)).toEqual([log]);
  });

  it('follows a watched file: bookmarks come back as its lines arrive, new lines get its clock offset, sidecars are not followed', async () => {
    const created = new Date().toISOString();
    const saved = [2, 14].map((line) => ({ line, comment: `note ${line}`, created, message: `app entry ${line}` }));
    writeFileSync(`${log}.logsift.json`, JSON.stringify({ logsift: 'bookmarks', version: 1, file: 'app.log', bookmarks: saved }));
    await engine.watchFolder(folder, { recursive: false });
    const source = await until('the followed file', async () => (await engine.listSources()).find((candidate) => candidate.path === log));
    await until('line 2 bookmarked', async () => ((await engine.listBookmarks()).length === 1 ? true : undefined));
    expect((await entryAt(2)).bookmark).toBe('note 2');

    const asWritten = (await entryAt(1)).time!;
    await engine.setSourceClockOffset(source.id, 60_000);
    appendFileSync(log, logLines(11, 15));
    await until('line 14 bookmarked', async () => ((await engine.listBookmarks()).length === 2 ? true : undefined));
    expect((await entryAt(14)).bookmark).toBe('note 14');
    expect((await entryAt(15)).time).toBe(asWritten + 14_000 + 60_000);
    expect((await entryAt(1)).time).toBe(asWritten + 60_000);

    // Saving a bookmark writes beside the followed file; neither it nor its temporary file is followed.
    await engine.setBookmark((await entryAt(5)).id, 'while following');
    expect(sidecar(log).bookmarks.map((bookmark: { line: number }) => bookmark.line)).toEqual([2, 5, 14]);
    await sleep(1500);
    expect((await engine.listSources()).map((candidate) => candidate.path)).toEqual([log]);
  });
});
