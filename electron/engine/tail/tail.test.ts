/**
 * Live tailing end to end: the engine with the built tail worker (chokidar, real files) while three
 * writers append numbered lines at a steady rate and their files are rotated by rename, rotated by
 * copy-truncate, and deleted and re-created. Every line must arrive exactly once, in order per file.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRow, SourceInfo } from '../../../shared/model/log-event';
import { Engine } from '../engine';
import { WORKER, sleep, until } from '../engine-test-support';

/** Appends numbered lines for one stream; the line says which stream and which number. */
class Writer {
  sequence = 0;
  constructor(
    readonly stream: string,
    public path: string,
  ) {}

  write(count = 1): void {
    let text = '';
    for (let i = 0; i < count; i++) {
      this.sequence++;
      const second = String(this.sequence % 60).padStart(2, '0');
      text += `2026-11-26 10:00:${second} INFO ${this.stream} line ${String(this.sequence).padStart(6, '0')}\n`;
    }
    appendFileSync(this.path, text);
  }
}

describe('live tailing a folder', () => {
  let engine: Engine;
  let folder: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'logsift-tail-'));
    engine = await Engine.create({ workerScript: WORKER, userDataDir: mkdtempSync(join(tmpdir(), 'logsift-tail-user-')) });
  });
  afterEach(() => {
    engine.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function rows(): Promise<EventRow[]> {
    const page = await engine.queryEvents({ query: { showHidden: true }, offset: 0, limit: 10_000 });
    return page.rows.sort((a, b) => a.id - b.id);
  }

  it('gets every line exactly once, in order per file, through rename, copy-truncate and delete', async () => {
    const renamed = new Writer('A', join(folder, 'a.log'));
    const copied = new Writer('B', join(folder, 'b.log'));
    const deleted = new Writer('C', join(folder, 'c.log'));
    const writers = [renamed, copied, deleted];
    for (const writer of writers) writer.write(5);
    await engine.watchFolder(folder, { recursive: false });
    const total = () => writers.reduce((sum, writer) => sum + writer.sequence, 0);
    const arrived = async () => (await engine.countEvents({ showHidden: true })).all;
    // When lines are missing, say which before failing: a timeout alone says nothing of where.
    const reportMissing = async (error: unknown): Promise<never> => {
      const got = await rows();
      for (const writer of writers) {
        const numbers = new Set(got.filter((row) => row.message.includes(`${writer.stream} line `)).map((row) => Number(row.message.slice(-6))));
        const missing = Array.from({ length: writer.sequence }, (_, i) => i + 1).filter((n) => !numbers.has(n));
        console.log(writer.stream, writer.sequence, numbers.size, 'missing', missing.length, missing.slice(0, 5), missing.slice(-3));
      }
      console.log((await engine.listSources()).map((source) => `${source.name} ${source.events} ${JSON.stringify(source.live)}`).join('\n'));
      throw error;
    };

    for (let tick = 1; tick <= 400; tick++) {
      for (const writer of writers) writer.write(2);
      if (tick === 100 || tick === 250) {
        // Rotation by rename: the old file keeps its name's successor, a new file takes its place.
        renameSync(renamed.path, join(folder, `a.log.${tick}`));
        writeFileSync(renamed.path, '');
      }
      if (tick === 150) {
        // copy-truncate, done between two writes as logrotate does.
        copyFileSync(copied.path, join(folder, 'b.log.1'));
        truncateSync(copied.path, 0);
      }
      if (tick === 200) {
        // Delete and re-create, once what the file held has been read.
        await until('c.log read before deleting it', async () => ((await arrived()) >= total() ? true : undefined)).catch(reportMissing);
        rmSync(deleted.path);
        writeFileSync(deleted.path, '');
      }
      await sleep(5);
    }
    await until(`all ${total()} lines`, async () => ((await arrived()) >= total() ? true : undefined)).catch(reportMissing);
    await sleep(1000);

    const all = await rows();
    const perStream = writers.map((writer) => `${writer.stream}: ${all.filter((row) => row.message.includes(`${writer.stream} line `)).length} of ${writer.sequence}`);
    expect(perStream.join(', ')).toBe(writers.map((writer) => `${writer.stream}: ${writer.sequence} of ${writer.sequence}`).join(', '));
    expect(all.length).toBe(total());
    expect(all.filter((row) => row.unparsed)).toEqual([]);
    const sources = new Map((await engine.listSources()).map((source) => [source.id, source] as [number, SourceInfo]));
    for (const writer of writers) {
      const lines = all.filter((row) => row.message.includes(`${writer.stream} line `));
      const numbers = lines.map((row) => Number(row.message.slice(-6)));
      // Exactly once: every number from 1 to the last, none twice.
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: writer.sequence }, (_, i) => i + 1));
      // In order within each file (the old file's last lines may arrive after the new file's first).
      for (const sourceId of new Set(lines.map((row) => row.sourceId))) {
        const inFile = lines.filter((row) => row.sourceId === sourceId).map((row) => Number(row.message.slice(-6)));
        expect(inFile).toEqual([...inFile].sort((a, b) => a - b));
      }
    }
    // What happened is on record in each source's live state.
    const live = [...sources.values()].map((source) => `${source.name}: ${source.live?.state} ${source.live?.notes.join(' | ')}`);
    expect(live.some((line) => /^a\.log\.100: following renamed to/.test(line) || /renamed to .*a\.log\.100/.test(line))).toBe(true);
    expect(live.some((line) => line.startsWith('b.log.1:') && line.includes('copy-truncate'))).toBe(true);
    expect(live.filter((line) => line.startsWith('c.log:')).join('\n')).toMatch(/gone/);
  }, 60_000);

  it('holds a partial last line until its end arrives, and reads UTF-16 appends right', async () => {
    const utf16 = join(folder, 'unicode.log');
    const bom = Buffer.from([0xff, 0xfe]);
    writeFileSync(utf16, Buffer.concat([bom, Buffer.from('2026-11-26 10:00:00 INFO ä first\r\n', 'utf16le')]));
    await engine.watchFolder(folder, {});
    await until('the first line', async () => ((await rows()).length === 1 ? true : undefined));
    // Half a line, cut inside a UTF-16 code unit: nothing new may show yet.
    const next = Buffer.from('2026-11-26 10:00:01 WARN ü second\r\n', 'utf16le');
    appendFileSync(utf16, next.subarray(0, 21));
    await sleep(150);
    expect((await rows()).map((row) => row.message)).toEqual(['INFO ä first']);
    appendFileSync(utf16, next.subarray(21));
    await until('the second line', async () => ((await rows()).length === 2 ? true : undefined));
    expect((await rows()).map((row) => [row.level, row.message])).toEqual([
      ['information', 'INFO ä first'],
      ['warning', 'WARN ü second'],
    ]);
  }, 30_000);

  it('picks up new files, skips excluded ones, and keeps CSV headers for appended rows', async () => {
    await engine.watchFolder(folder, { exclude: ['*.tmp'] });
    const csv = join(folder, 'export.csv');
    writeFileSync(csv, 'Level,Date and Time,Source,Event ID,Task Category\r\nInformation,11/23/2004 8:59:41 AM,MSExchangeIS,1000,None,Store started.\r\n');
    writeFileSync(join(folder, 'ignored.tmp'), '2026-11-26 10:00:00 INFO not me\n');
    await until('the CSV row', async () => ((await rows()).length === 1 ? true : undefined));
    appendFileSync(csv, 'Warning,11/23/2004 9:14:07 AM,MSExchangeMTA,9221,Operating System,A sockets error 10054 on a WSARecvEx() call was detected.\r\n');
    await until('the appended row', async () => ((await engine.countEvents({ showHidden: true })).all === 2 ? true : undefined));
    const all = await rows();
    expect(all.map((row) => [row.provider, row.eventId])).toEqual([
      ['MSExchangeIS', 1000],
      ['MSExchangeMTA', 9221],
    ]);
    // The KB classifies live entries too: the founding case is hidden.
    expect(all[1]!.kb?.hidden).toBe(true);
    expect((await engine.listSources()).map((source) => source.name)).toEqual(['export.csv']);
  }, 30_000);

  it('says when the watched folder is deleted, and follows it again when it comes back', async () => {
    const watched = join(folder, 'logs');
    mkdirSync(watched);
    writeFileSync(join(watched, 'one.log'), '2026-11-26 10:00:00 INFO before\n');
    const watch = await engine.watchFolder(watched, {});
    await until('the first file', async () => ((await rows()).length === 1 ? true : undefined));
    rmSync(watched, { recursive: true });
    await until('the folder reported missing', async () => ((await engine.listWatches())[0]?.state === 'missing' ? true : undefined));
    expect((await engine.listWatches())[0]).toMatchObject({ id: watch.id, note: expect.stringContaining('deleted') });
    await until('the file reported gone', async () => ((await engine.listSources())[0]?.live?.state === 'gone' ? true : undefined));
    mkdirSync(watched);
    writeFileSync(join(watched, 'two.log'), '2026-11-26 10:00:01 INFO after\n');
    await until('the new file after the folder came back', async () => ((await rows()).length === 2 ? true : undefined));
    expect((await engine.listWatches())[0]?.state).toBe('watching');
  }, 30_000);
});
