// The steps of bench/suite.mjs, each run as its own process the way a user would run it, with
// wall time and peak RSS from GNU time (the whole process: Logsift's ingest workers are threads
// of it, so their memory is counted). Each step returns plain records; suite.mjs prints them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'logsift.js');

/** The error count lnav answers headless; `syslog_log` is its table for the syslog format. */
export const LNAV_ERROR_COUNT = ";SELECT count(*) AS errors FROM syslog_log WHERE log_level = 'error'";

/**
 * Logsift's runs get a user-data folder of their own, so that rules a developer added to their
 * own knowledge base do not change what is hidden or measured; the built-in rules still apply.
 */
const userData = mkdtempSync(join(tmpdir(), 'logsift-suite-user-'));
const logsiftEnv = { ...process.env, LOGSIFT_USER_DATA: userData };

export function removeSuiteTemp() {
  rmSync(userData, { recursive: true, force: true });
}

/** Runs a command under /usr/bin/time: wall seconds, peak RSS (MB) and its output. */
export function timed(command, args, options = {}) {
  const run = spawnSync('/usr/bin/time', ['-f', 'SUITE-TIME %e %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    cwd: root,
    ...options,
  });
  const match = /SUITE-TIME ([\d.]+) (\d+)/.exec(run.stderr ?? '');
  if (!match || run.status !== 0) throw new Error(`${basename(command)} ${args.join(' ')} failed (${run.status}): ${run.stderr?.slice(-2000)}`);
  return { seconds: Number(match[1]), peakMb: Math.round(Number(match[2]) / 1024), stdout: run.stdout, stderr: run.stderr };
}

const jsonLines = (text) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

/** `logsift parse FILE --stats`: the app's ingest path, whole process. */
export function ingest(file, format) {
  const run = timed(process.execPath, [cli, 'parse', file, '--stats'], { env: logsiftEnv });
  const [stats] = JSON.parse(run.stdout).files;
  const bytes = statSync(file).size;
  return {
    benchmark: 'ingest',
    format,
    file: basename(file),
    detected: stats.format,
    bytes,
    events: stats.events,
    unparsed: stats.unparsed,
    seconds: run.seconds,
    mbPerSecond: Number((bytes / 1048576 / run.seconds).toFixed(1)),
    eventsPerSecond: Math.round(stats.events / run.seconds),
    peakRssMb: run.peakMb,
  };
}

/** `logsift bench-queries FILE --json [--export]`: first rows, load, the grid's queries, a CSV export. */
export function queries(file, format, { exportCsv }) {
  const run = timed(process.execPath, [cli, 'bench-queries', file, '--json', ...(exportCsv ? ['--export'] : [])], { env: logsiftEnv });
  return jsonLines(run.stdout).map((record) => ({ ...record, format, processPeakRssMb: run.peakMb }));
}

/**
 * lnav and Logsift side by side on one syslog file: each process loads the file and counts its
 * errors, then exits. Run `rounds` times alternately (this machine is shared, so one run can be
 * disturbed); the fastest round of each is kept, with the memory of that round.
 */
export function lnavComparison(file, rounds = 2) {
  let lnav;
  let logsift;
  const lnavHome = mkdtempSync(join(tmpdir(), 'logsift-suite-lnav-'));
  try {
    for (let round = 0; round < rounds; round++) {
      // A fresh HOME: lnav keeps its configuration and session state there; every round starts clean.
      const lnavRun = timed('/usr/bin/lnav', ['-n', '-c', LNAV_ERROR_COUNT, file], { env: { ...process.env, HOME: lnavHome } });
      const ourRun = timed(process.execPath, [cli, 'bench-queries', file, '--json', '--load-and-count'], { env: logsiftEnv });
      if (!lnav || lnavRun.seconds < lnav.seconds) lnav = lnavRun;
      if (!logsift || ourRun.seconds < logsift.seconds) logsift = ourRun;
    }
  } finally {
    rmSync(lnavHome, { recursive: true, force: true });
  }
  const lnavErrors = Number(/(\d+)\s*$/.exec(lnav.stdout.trim())?.[1]);
  const ours = jsonLines(logsift.stdout).find((record) => record.name === 'load-and-error-count');
  return {
    benchmark: 'vs-lnav',
    file: basename(file),
    query: LNAV_ERROR_COUNT,
    rounds,
    lnavSeconds: lnav.seconds,
    lnavPeakRssMb: lnav.peakMb,
    lnavErrors,
    logsiftSeconds: logsift.seconds,
    logsiftPeakRssMb: logsift.peakMb,
    logsiftErrors: ours?.errors,
    logsiftInProcessMs: ours?.ms,
    speedRatio: Number((lnav.seconds / logsift.seconds).toFixed(2)),
    memoryRatio: Number((lnav.peakMb / logsift.peakMb).toFixed(2)),
  };
}

/** bench/evtx.mjs as it is; its markdown table rows become records. */
export function evtxComparison(repeat) {
  const run = spawnSync(process.execPath, [join(root, 'bench', 'evtx.mjs'), '--repeat', String(repeat)], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`bench/evtx.mjs failed: ${run.stderr}`);
  const cells = (line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('| '));
  const rows = lines.slice(1).map(cells);
  // "12.34 (13.00, 56)": CPU seconds, then wall seconds and peak MB.
  const split = (cell) => cell.match(/[\d.]+/g).map(Number);
  return rows.map((row) => {
    const [oracleCpu, oracleWall, oraclePeak] = split(row[2]);
    const [parserCpu, parserWall, parserPeak] = split(row[3]);
    const [appCpu, appWall, appPeak] = split(row[4]);
    return {
      benchmark: 'evtx',
      file: row[0],
      mb: Number(row[1]),
      events: Number(row[10]),
      evtxexport: { cpuSeconds: oracleCpu, wallSeconds: oracleWall, peakRssMb: oraclePeak, mbPerCpuSecond: Number(row[5]) },
      parser: { cpuSeconds: parserCpu, wallSeconds: parserWall, peakRssMb: parserPeak, mbPerCpuSecond: Number(row[6]) },
      app: { cpuSeconds: appCpu, wallSeconds: appWall, peakRssMb: appPeak, mbPerWallSecond: Number(row[7]) },
      parserRatioCpu: Number.parseFloat(row[8]),
      appRatioWall: Number.parseFloat(row[9]),
    };
  });
}

/** bench/tail.mjs at one rate for a few seconds, without its many-files part. */
export function tailLatency(rate = 20000, seconds = 5) {
  const run = spawnSync(process.execPath, [join(root, 'bench', 'tail.mjs'), '--rates', String(rate), '--seconds', String(seconds), '--files', '0', '--json'], {
    encoding: 'utf8',
    cwd: root,
    maxBuffer: 1 << 26,
  });
  const summary = jsonLines(run.stdout).at(-1);
  if (!summary) throw new Error(`bench/tail.mjs failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return summary.steady.map((steady) => ({
    benchmark: 'tail',
    rate: steady.rate,
    seconds,
    achievedRate: Math.round(steady.achievedRate),
    missing: steady.missing,
    duplicates: steady.duplicates,
    p50Ms: Number(steady.p50.toFixed(1)),
    p95Ms: Number(steady.p95.toFixed(1)),
    p99Ms: Number(steady.p99.toFixed(1)),
    maxMs: Number(steady.max.toFixed(1)),
    peakRssMb: Math.round(steady.peakRssMb),
    // CPU the rest of the machine used meanwhile, in cores: above ~0.1 the latencies are disturbed.
    otherProcessesCores: Number(steady.otherProcessesCores.toFixed(2)),
  }));
}
