/**
 * A watched folder with symbolic link loops (a -> b, b -> a), links back to itself and to its
 * parent, a second name for a log and a FIFO, through the engine and the built tail worker: watching
 * must neither hang nor walk self/self/self/… (it did, to chokidar's depth limit), every real log is
 * followed once, and what is not followed is listed in the watch's note.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountingProblems, laterOpenProblems, sourceOf, writeNumberedLog } from '../bad-input-test-support';
import { Engine } from '../engine';
import { until, WORKER } from '../engine-test-support';

describe('watching a folder with link loops', () => {
  let engine: Engine;
  /** Holds the watched folder, the user data and the file opened afterwards. */
  let base: string;
  let folder: string;
  beforeEach(async () => {
    base = mkdtempSync(join(tmpdir(), 'logsift-loops-'));
    folder = join(base, 'watched');
    mkdirSync(folder);
    engine = await Engine.create({ workerScript: WORKER, userDataDir: join(base, 'user') });
  });
  afterEach(() => {
    engine.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('follows each real log once and lists the loops, links to folders and the FIFO it leaves alone', async () => {
    const top = join(folder, 'app.log');
    const inner = join(folder, 'sub', 'inner.log');
    mkdirSync(join(folder, 'sub'));
    writeNumberedLog(top, 200);
    writeNumberedLog(inner, 50);
    symlinkSync('b', join(folder, 'a'));
    symlinkSync('a', join(folder, 'b'));
    symlinkSync('.', join(folder, 'self'));
    symlinkSync('..', join(folder, 'sub', 'up'));
    symlinkSync('app.log', join(folder, 'current.log'));
    execFileSync('mkfifo', [join(folder, 'pipe.log')]);

    const watch = await engine.watchFolder(folder, { recursive: true });
    // The note comes with the end of the first scan: by then every file in the folder was seen.
    const watching = await until('the first scan, with its note', async () => (await engine.listWatches()).find((w) => w.id === watch.id && w.note !== null));
    expect(watching.state).toBe('watching');
    expect(watching.note).toBe(
      'not following 6 entries: a, b (a symbolic link loop); current.log (another name for app.log, which is followed); ' +
        'pipe.log (not a regular file: FIFO/named pipe); self, sub/up (a link to a folder: not followed, as it could loop)',
    );
    const sources = await until('both logs read', async () => {
      const all = await engine.listSources();
      return all.reduce((sum, source) => sum + source.events, 0) >= 250 ? all : undefined;
    });
    // Each file once, under its own name: no self/app.log, sub/up/app.log, current.log.
    expect(sources.map((source) => source.path).sort()).toEqual([top, inner]);
    expect(sourceOf(sources, top)).toMatchObject({ events: 200, unparsed: 0, errors: [], live: { state: 'following' } });
    expect(sourceOf(sources, inner)).toMatchObject({ events: 50, unparsed: 0, errors: [], live: { state: 'following' } });
    for (const source of sources) expect(await accountingProblems(engine, source)).toEqual([]);
    expect((await engine.listWatches())[0]?.files).toBe(2);
    expect(await laterOpenProblems(engine, join(base, 'later.log'))).toEqual([]);
  }, 60_000);
});
