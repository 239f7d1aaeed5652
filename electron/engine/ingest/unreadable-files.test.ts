/**
 * Files that cannot be read as logs, through the real engine (built worker, DuckDB) and, for
 * permissions when the tests run as root, the built CLI as an unprivileged user: each gets a plain
 * message naming it and the reason, the good file opened with it loads completely, the engine
 * keeps answering, and the accounting never claims bytes that were not read.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { execFile, execFileSync, type ExecFileOptions } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountingProblems, completeLoadProblems, laterOpenProblems, LINE_BYTES, sourceOf, writeNumberedLog } from '../bad-input-test-support';
import { Engine } from '../engine';
import { ROOT, WORKER } from '../engine-test-support';

const GOOD_LINES = 300;
/** An unprivileged user to run the permission check as, where root's capabilities cannot be dropped. */
const NOBODY = 65534;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: ExecFileOptions): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      // A command that could not start at all (ENOENT) has a string code: 127, as a shell says.
      const code = !error ? 0 : typeof error.code === 'number' ? error.code : error.code === 'ENOENT' ? 127 : 1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * `logsift parse --stats FILES` run by root as if file modes applied to it: with CAP_DAC_OVERRIDE
 * and CAP_DAC_READ_SEARCH dropped (setpriv, util-linux), so a mode-000 file is refused while the
 * checkout, wherever it is, stays readable to its owner. Where dropping them is not allowed (a
 * container without CAP_SETPCAP), as the unprivileged user instead.
 */
async function parseWithoutFileModeOverride(dir: string, files: string[]): Promise<CliRun> {
  const cli = [join(ROOT, 'bin', 'logsift.js'), 'parse', '--stats', ...files];
  const userData = join(dir, 'cli-user');
  mkdirSync(userData);
  const env = { ...process.env, HOME: userData, LOGSIFT_USER_DATA: userData };
  const dropped = await run('setpriv', ['--bounding-set=-dac_override,-dac_read_search', '--', process.execPath, ...cli], { cwd: userData, env });
  if (!dropped.stderr.startsWith('setpriv:') && dropped.code !== 127) return dropped;
  chmodSync(dir, 0o755);
  // The readable files must be readable to that user too; the mode-000 one stays as it is.
  for (const file of files) if ((statSync(file).mode & 0o777) !== 0) chmodSync(file, 0o644);
  chownSync(userData, NOBODY, NOBODY);
  return run(process.execPath, cli, { uid: NOBODY, gid: NOBODY, cwd: userData, env });
}

describe('files that cannot be read as logs', () => {
  let engine: Engine;
  let dir: string;
  let good: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logsift-unreadable-'));
    good = join(dir, 'good.log');
    writeNumberedLog(good, GOOD_LINES);
    engine = await Engine.create({ workerScript: WORKER, userDataDir: join(dir, 'user') });
  });
  afterEach(() => {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the bad paths and the good file in one call; checks the good file and the engine. */
  async function openWithGood(...bad: string[]) {
    await engine.openPaths([...bad, good], { expandDirectories: false });
    await engine.whenIdle();
    const sources = await engine.listSources();
    expect(await completeLoadProblems(engine, sourceOf(sources, good), GOOD_LINES)).toEqual([]);
    for (const source of sources) expect(await accountingProblems(engine, source)).toEqual([]);
    return sources;
  }

  it('says "permission denied" for a file that may not be read (as an unprivileged user when run as root)', async () => {
    const denied = join(dir, 'system.log');
    writeNumberedLog(denied, 10);
    chmodSync(denied, 0o000);
    if (process.getuid?.() !== 0) {
      const sources = await openWithGood(denied);
      expect(sourceOf(sources, denied)).toMatchObject({
        status: 'error',
        errors: [`${denied}: permission denied (EACCES) — the file could not be opened`],
        bytesTotal: 10 * LINE_BYTES,
        bytesRead: 0,
        events: 0,
      });
      expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
      return;
    }
    // Root reads any file whatever its mode: the same check runs through the built CLI (`logsift
    // parse --stats`, the app's own ingest path) as root without the capabilities that override
    // file modes, or, where those cannot be dropped, as "nobody" (which needs the checkout readable).
    const { code, stdout, stderr } = await parseWithoutFileModeOverride(dir, [denied, good]);
    expect(stderr).toBe(`logsift: ${denied}: permission denied (EACCES) — the file could not be opened\n`);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.files).toEqual([
      expect.objectContaining({ file: denied, bytes: 10 * LINE_BYTES, bytesRead: 0, events: 0, unparsed: 0, lostLines: 0, errors: [expect.stringContaining('permission denied')] }),
      expect.objectContaining({ file: good, bytes: GOOD_LINES * LINE_BYTES, bytesRead: GOOD_LINES * LINE_BYTES, events: GOOD_LINES, unparsed: 0, lines: GOOD_LINES, lostLines: 0, errors: [] }),
    ]);
    // The store answered the totals query after the failure.
    expect(report.totals).toMatchObject({ files: 2, events: GOOD_LINES, errors: 1, byLevel: { information: GOOD_LINES } });
  });

  it('refuses a folder given as a file', async () => {
    const folder = join(dir, 'logs');
    mkdirSync(folder);
    const sources = await openWithGood(folder);
    expect(sourceOf(sources, folder)).toMatchObject({ status: 'error', errors: [`${folder}: is a directory, not a file`], bytesRead: 0 });
    expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
  });

  it('refuses devices and FIFOs at once, without reading /dev/zero forever or waiting for a writer', async () => {
    const fifo = join(dir, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    const sources = await openWithGood('/dev/zero', '/dev/null', fifo);
    expect(sourceOf(sources, '/dev/zero')).toMatchObject({ status: 'error', errors: ['/dev/zero: not a regular file (character device) — only regular files are read'], bytesRead: 0 });
    expect(sourceOf(sources, '/dev/null')).toMatchObject({ status: 'error', errors: ['/dev/null: not a regular file (character device) — only regular files are read'], bytesRead: 0 });
    expect(sourceOf(sources, fifo)).toMatchObject({ status: 'error', errors: [`${fifo}: not a regular file (FIFO/named pipe) — only regular files are read`], bytesRead: 0 });
    expect((await engine.countEvents({ showHidden: true })).all).toBe(GOOD_LINES);
    expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
  }, 60_000);

  it('opens an empty file as an empty source with one note, not an error', async () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const sources = await openWithGood(empty);
    expect(sourceOf(sources, empty)).toMatchObject({
      status: 'ready',
      format: null,
      bytesTotal: 0,
      bytesRead: 0,
      events: 0,
      unparsed: 0,
      lines: 0,
      errors: [`${empty}: the file is empty (0 bytes) — there is nothing to read`],
    });
    expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
  });

  it('refuses a 20 GB sparse file after one sample of NUL bytes, claiming none of it read', async () => {
    const sparse = join(dir, 'sparse.log');
    const size = 20 * 1024 ** 3;
    // A hole: no disk is used, every byte reads as NUL.
    writeFileSync(sparse, '');
    truncateSync(sparse, size);
    try {
      const sources = await openWithGood(sparse);
      expect(sourceOf(sources, sparse)).toMatchObject({
        status: 'error',
        bytesTotal: size,
        bytesRead: 0,
        events: 0,
        unparsed: 0,
        errors: [
          `${sparse}: not a log: it starts with 65,536 NUL bytes (never-written space, as in a sparse or preallocated file, or binary data) — none of its 21,474,836,480 bytes were loaded`,
        ],
      });
      expect(await laterOpenProblems(engine, join(dir, 'later.log'))).toEqual([]);
    } finally {
      rmSync(sparse, { force: true });
    }
  });
});
