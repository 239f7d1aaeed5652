/**
 * A reader thread that dies fails only its own file. The crash is real: the engine's readers get a
 * small memory limit (EngineOptions.readerLimits, the same worker resourceLimits the app can set),
 * and one file holds a single line far larger than that, which the text parser must hold whole.
 * V8 stops that worker (ERR_WORKER_OUT_OF_MEMORY); files read beside it, and after it, load.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountingProblems, completeLoadProblems, laterOpenProblems, sourceOf, writeNumberedLog } from '../bad-input-test-support';
import { Engine } from '../engine';
import { WORKER } from '../engine-test-support';

/** Plenty for a reader of ordinary files; far too little for one 64 MB line. */
const READER_MEMORY_MB = 32;
const HUGE_LINE_BYTES = 64 * 1024 * 1024;
const LINES_BEFORE = 3000;
const GOOD_LINES = 5000;

describe('a reader thread that crashes', () => {
  let engine: Engine;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-crash-'));
    engine = await Engine.create({ workerScript: WORKER, userDataDir: join(dir, 'user'), readerLimits: { maxOldGenerationSizeMb: READER_MEMORY_MB } });
  });
  afterEach(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails only its own file, with the reason, keeping what it had handed over', async () => {
    const huge = join(dir, 'huge-line.log');
    writeNumberedLog(huge, LINES_BEFORE);
    appendFileSync(huge, `2026-11-26 11:00:00 INFO ${'x'.repeat(HUGE_LINE_BYTES)}\n`);
    const good = join(dir, 'good.log');
    writeNumberedLog(good, GOOD_LINES);

    await engine.openPaths([huge, good], { expandDirectories: false });
    await engine.whenIdle();
    const sources = await engine.listSources();
    const crashed = sourceOf(sources, huge);
    expect(crashed).toMatchObject({ status: 'error', format: 'text' });
    expect(crashed.errors).toHaveLength(1);
    expect(crashed.errors[0]).toMatch(
      new RegExp(`^${huge}: the reader ran out of memory \\(a file's reader may use 32 MB\\) and was stopped — the file was not read to its end; ([\\d,]+) entries read before were kept$`),
    );
    // The message counts what is in the store, and what is there is accounted for.
    const kept = Number(/([\d,]+) entries read before/.exec(crashed.errors[0]!)![1]!.replaceAll(',', ''));
    expect(crashed.events + crashed.unparsed).toBe(kept);
    expect(crashed.bytesRead).toBeLessThan(crashed.bytesTotal);
    expect(await accountingProblems(engine, crashed)).toEqual([]);

    expect(await completeLoadProblems(engine, sourceOf(sources, good), GOOD_LINES)).toEqual([]);
    expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
  }, 120_000);
});
