/**
 * Sessions end to end: the real engine saves what is open with the renderer's view, a new engine
 * over the same user-data folder lists it and restores it from the files on disk.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/model/triage';
import { Engine } from './engine';
import { WORKER, until } from './engine-test-support';

function logLines(count: number, word: string): string {
  let text = '';
  for (let n = 1; n <= count; n++) text += `2026-11-26 10:00:${String(n).padStart(2, '0')} INFO ${word} entry ${n}\n`;
  return text;
}

const VIEW: SessionView = {
  query: { text: 'entry', levels: ['information'], sort: [{ column: 'time', direction: 'desc' }] },
  hiddenColumns: ['user', 'computer'],
  columnWidths: { message: 420 },
  hiddenSourcePaths: [],
};

describe('sessions', () => {
  let engine: Engine;
  let folder: string;
  let userData: string;
  let berlin: string;
  let plain: string;
  let live: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'logsift-sessions-'));
    userData = mkdtempSync(join(tmpdir(), 'logsift-sessions-user-'));
    berlin = join(folder, 'berlin.log');
    plain = join(folder, 'plain.log');
    live = join(folder, 'live');
    writeFileSync(berlin, logLines(5, 'berlin'));
    writeFileSync(plain, logLines(3, 'plain'));
    mkdirSync(live);
    writeFileSync(join(live, 'followed.log'), logLines(2, 'followed'));
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
  });
  afterEach(() => engine.close());

  const firstTime = async (of: Engine, sourceId: number) =>
    (await of.queryEvents({ query: { sourceIds: [sourceId], sort: [{ column: 'time', direction: 'asc' }] }, offset: 0, limit: 1 })).rows[0]!.time!;

  it('saves the open files with how they are read and the watched folders, and restores them in a new engine', async () => {
    const [zoned] = await engine.openPaths([berlin], { expandDirectories: false, timeZone: 'Europe/Berlin' });
    await engine.openPaths([plain], { expandDirectories: false });
    await engine.whenIdle();
    await engine.setSourceClockOffset(zoned!.id, 5_000);
    const shifted = await firstTime(engine, zoned!.id);
    await engine.watchFolder(live, { recursive: false, exclude: ['*.old'] });
    await until('the followed file', async () => ((await engine.listSources()).length === 3 ? true : undefined));

    await engine.saveSession(VIEW);
    const [summary] = await engine.listSessions();
    // Files followed in the watched folder are the folder's, not opened files.
    expect(summary).toEqual({ id: expect.any(String), savedAt: expect.any(Number), files: [berlin, plain], folders: [live] });
    await engine.saveSession({ ...VIEW, hiddenColumns: ['user'] });
    expect((await engine.listSessions()).map((session) => session.id)).toEqual([summary!.id]);
    engine.close();
    expect(JSON.parse(readFileSync(join(userData, 'sessions.json'), 'utf8')).sessions[0].view.hiddenColumns).toEqual(['user']);

    rmSync(plain);
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
    expect(await engine.listSessions()).toEqual([{ ...summary, savedAt: expect.any(Number) }]);
    expect(await engine.restoreSession('no-such-session')).toBeNull();
    const restored = await engine.restoreSession(summary!.id);
    expect(restored).toEqual({ session: { ...summary, savedAt: expect.any(Number), view: { ...VIEW, hiddenColumns: ['user'] } }, missing: [plain] });
    await engine.whenIdle();
    const sources = await until('the followed file again', async () => {
      const all = await engine.listSources();
      return all.length === 2 ? all : undefined;
    });
    const reopened = sources.find((source) => source.path === berlin)!;
    expect(reopened).toMatchObject({ readOptions: { timeZone: 'Europe/Berlin' }, clockOffsetMs: 5_000, status: 'ready', events: 5 });
    expect(await firstTime(engine, reopened.id)).toBe(shifted);
    expect(sources.find((source) => source.path === join(live, 'followed.log'))?.live).not.toBeNull();
    expect(await engine.listWatches()).toEqual([expect.objectContaining({ path: live, options: { recursive: false, include: [], exclude: ['*.old'], polling: false } })]);

    // The restored session is the current one: saving updates it rather than adding another.
    await engine.saveSession(VIEW);
    const after = await engine.listSessions();
    expect(after.map((session) => [session.id, session.files])).toEqual([[summary!.id, [berlin]]]);
  });

  it('replaces whatever is open when restoring', async () => {
    await engine.openPaths([berlin], { expandDirectories: false });
    await engine.whenIdle();
    await engine.saveSession(VIEW);
    const [saved] = await engine.listSessions();
    engine.close();

    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
    await engine.openPaths([plain], { expandDirectories: false });
    await engine.watchFolder(live, {});
    await engine.whenIdle();
    await engine.restoreSession(saved!.id);
    await engine.whenIdle();
    expect((await engine.listSources()).map((source) => source.path)).toEqual([berlin]);
    expect(await engine.listWatches()).toEqual([]);
  });

  it('lists no session when nothing was open, and writes none', async () => {
    await engine.saveSession(VIEW);
    expect(await engine.listSessions()).toEqual([]);
    engine.close();
    expect(existsSync(join(userData, 'sessions.json'))).toBe(false);
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
  });

  it('sets a sessions file that does not validate aside and starts fresh', async () => {
    const broken = JSON.stringify({ logsift: 'sessions', version: 1, sessions: [{ id: 'x', savedAt: 1, files: [{ path: 'relative.log' }], folders: [], view: {} }] });
    writeFileSync(join(userData, 'sessions.json'), broken);
    expect(await engine.listSessions()).toEqual([]);
    await engine.openPaths([plain], { expandDirectories: false });
    await engine.saveSession(VIEW);
    engine.close();
    const kept = readdirSync(userData).filter((name) => name.startsWith('sessions.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(userData, kept[0]!), 'utf8')).toBe(broken);
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
    expect((await engine.listSessions()).map((session) => session.files)).toEqual([[plain]]);
  });
});
