import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../../shared/model/log-event';
import type { SessionView } from '../../../shared/model/triage';
import { SESSIONS_FILE } from './session-file';
import type { SessionHost } from './session-restore';
import { SessionService } from './session-service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const view = (text: string): SessionView => ({ query: { text }, hiddenColumns: [] });

/** An engine with files open and nothing else: what saving needs (restoring is tested with the real engine). */
function hostWith(paths: string[]): SessionHost & { paths: string[] } {
  const host = {
    paths,
    openedSources: () => host.paths.map((path, i) => ({ source: { id: i + 1, path, readOptions: {}, clockOffsetMs: 0 } as SourceInfo, openedPath: path })),
    listSources: async () => [],
    listWatches: async () => [],
    closeSource: async () => undefined,
    unwatchFolder: async () => undefined,
    openPaths: async () => [],
    reopenSource: async () => ({}) as SourceInfo,
    setSourceClockOffset: async () => undefined,
    watchFolder: async () => {
      throw new Error('not needed');
    },
  };
  return host;
}

describe('sessions', () => {
  let userData: string;
  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'logsift-session-service-'));
  });
  const written = () => JSON.parse(readFileSync(join(userData, SESSIONS_FILE), 'utf8')).sessions as { id: string; view: SessionView }[];

  it('writes at most once per interval however often the view is saved, and the last save at close', async () => {
    const sessions = new SessionService(userData, hostWith(['/logs/a.log']), 300);
    await sessions.save(view('one'));
    await sleep(20);
    expect(written()[0]!.view.query.text).toBe('one');
    for (const text of ['two', 'three', 'four']) await sessions.save(view(text));
    await sleep(50);
    expect(written()[0]!.view.query.text).toBe('one');
    await sleep(400);
    expect(written()[0]!.view.query.text).toBe('four');
    await sessions.save(view('five'));
    sessions.flush();
    expect(written().map((session) => session.view.query.text)).toEqual(['five']);
  });

  it('keeps an empty session out and keeps the ten newest, one per run', async () => {
    const host = hostWith([]);
    const empty = new SessionService(userData, host, 0);
    await empty.save(view('nothing open'));
    expect(await empty.list()).toEqual([]);
    host.paths = ['/logs/a.log'];
    const ids: string[] = [];
    for (let run = 0; run < 12; run++) {
      const sessions = new SessionService(userData, host, 0);
      await sessions.save(view(`run ${run}`));
      await sessions.save(view(`run ${run} again`));
      ids.unshift((await sessions.list())[0]!.id);
      sessions.flush();
      await sleep(2);
    }
    const later = new SessionService(userData, host, 0);
    expect((await later.list()).map((session) => session.id)).toEqual(ids.slice(0, 10));
    expect(await later.restore('gone')).toBeNull();
  });

  it('starts fresh over a file it cannot read, reports why, and keeps that file', async () => {
    writeFileSync(join(userData, SESSIONS_FILE), '{"logsift": 1}');
    const sessions = new SessionService(userData, hostWith(['/logs/a.log']), 0);
    expect(await sessions.list()).toEqual([]);
    expect(await sessions.problem()).toMatch(/sessions\.json: logsift: /);
    await sessions.save(view('fresh'));
    sessions.flush();
    expect(written()).toHaveLength(1);
  });
});
