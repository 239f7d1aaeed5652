// `logsift tail` benchmark (a developer benchmark, not a test): runs the built CLI
// (`node bin/logsift.js tail DIR --jsonl`) as a child process and measures
//
//   1. latency: a helper process (bench/tail-writer.mjs) appends plain-text lines at a steady rate
//      ("YYYY-MM-DD HH:MM:SS INFO seq=<n> sent=<epoch ms>"); each printed entry's latency is the
//      time its stdout chunk arrived here minus its `sent` time (both performance.timeOrigin +
//      performance.now(), i.e. the same wall clock). Also: lost / duplicated lines, achieved rate,
//      the tail process's CPU seconds (/proc/PID/stat) and peak RSS (/proc/PID/status VmHWM);
//   2. memory over time (--soak SECONDS): 2,000 lines/s, the tail process's VmRSS every 5 s;
//   3. many files (--files N): N small files, one marker line appended to each once tailing runs:
//      how many arrive and how long until the last, peak RSS and open file descriptors.
//
// Prints progress to stderr and a markdown table of results to stdout (plus one JSON line with
// every number, for scripts).
//
// Usage: node bench/tail.mjs [--rates 1000,20000] [--seconds 10] [--soak 0] [--files 1000]
//                            [--interval 5] [--json] [--cli bin/logsift.js]
// Needs a built app (npm run build) and Linux (/proc).
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const writerScript = join(root, 'bench', 'tail-writer.mjs');

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '1000,20000' },
    seconds: { type: 'string', default: '10' },
    soak: { type: 'string', default: '0' },
    files: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    // Another build of the CLI to compare (a script run as `node CLI tail DIR --jsonl`).
    cli: { type: 'string', default: join(root, 'bin', 'logsift.js') },
  },
});
const cli = values.cli;
const rates = values.rates
  .split(',')
  .filter(Boolean)
  .map(Number)
  .filter((rate) => rate > 0);
const seconds = Number(values.seconds);
const soakSeconds = Number(values.soak);
const fileCount = Number(values.files);
const interval = Number(values.interval);
const command = ['node', 'bench/tail.mjs', ...process.argv.slice(2)].join(' ');

const now = () => performance.timeOrigin + performance.now();
const log = (text) => process.stderr.write(`[tail-bench] ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

// ---------------------------------------------------------------- cleanup (also on failure)

const temps = new Set();
const children = new Set();

function tempDir(tag) {
  const dir = mkdtempSync(join(tmpdir(), `logsift-tail-bench-${tag}-`));
  temps.add(dir);
  return dir;
}

function removeTemp(dir) {
  rmSync(dir, { recursive: true, force: true });
  temps.delete(dir);
}

function cleanup() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  temps.clear();
}

process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup();
    process.exit(130);
  });
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// ---------------------------------------------------------------- /proc

function procStats(pid) {
  const stats = { cpuSeconds: NaN, rssMb: NaN, hwmMb: NaN, threads: NaN, fds: NaN };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
    stats.cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    stats.rssMb = kb('VmRSS') / 1024;
    stats.hwmMb = kb('VmHWM') / 1024;
    stats.threads = kb('Threads');
    stats.fds = readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    // the process is gone
  }
  return stats;
}

/** Whole-machine CPU time in use so far (all processes, all cores), in seconds: /proc/stat. */
function machineBusySeconds() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const busy = fields.slice(0, 8).reduce((sum, value) => sum + value, 0) - fields[3] - fields[4];
  return busy / CLK_TCK;
}

// ---------------------------------------------------------------- the tail process

const pad = (n) => String(n).padStart(2, '0');
function timestamp(ms = Date.now()) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

class Tail {
  constructor(dir, userDataDir) {
    this.lines = 0;
    this.unexpected = 0;
    this.readyMarks = 0;
    this.stderr = '';
    this.onEntry = () => false;
    this.child = track(
      spawn(process.execPath, [cli, 'tail', dir, '--jsonl'], {
        cwd: root,
        // Its private data and session folder (spool files) live in our temp folders, removed at exit.
        env: { ...process.env, LOGSIFT_USER_DATA: userDataDir, TMPDIR: userDataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    let partial = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      // Every line of a chunk arrived at the same moment: when the chunk was read.
      const at = now();
      const text = partial + chunk;
      const lines = text.split('\n');
      partial = lines.pop();
      for (const line of lines) if (line) this.entry(line, at);
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
  }

  entry(line, at) {
    this.lines++;
    let row;
    try {
      row = JSON.parse(line);
    } catch {
      this.unexpected++;
      return;
    }
    const message = typeof row.message === 'string' ? row.message : '';
    if (/\bready=\d+/.test(message)) {
      this.readyMarks++;
      return;
    }
    if (!this.onEntry(message, at, row)) this.unexpected++;
  }

  /**
   * Appends a marker line to `file` every second until one is printed: tailing is live. (Not more
   * often: the CLI starts printing only once nothing new came for 300 ms, so markers every 250 ms
   * would keep it waiting for ever.)
   */
  async ready(file, timeoutMs = 120_000) {
    const started = now();
    for (let k = 0; this.readyMarks === 0; k++) {
      if (this.child.exitCode !== null) throw new Error(`logsift tail exited (${this.child.exitCode}) before it was ready:\n${this.stderr}`);
      if (now() - started > timeoutMs) throw new Error(`logsift tail printed no marker line within ${timeoutMs / 1000} s:\n${this.stderr}`);
      appendFileSync(file, `${timestamp()} INFO ready=${k}\n`);
      for (let waited = 0; waited < 1000 && this.readyMarks === 0; waited += 50) await sleep(50);
    }
    // Let the last markers through before measuring.
    await sleep(500);
    return (now() - started) / 1000;
  }

  stats() {
    return procStats(this.pid);
  }

  /** Ctrl-C, as a user would; killed if it does not exit within 5 s. */
  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill('SIGINT');
    const result = await Promise.race([this.exited, sleep(5000).then(() => null)]);
    if (result) return { ...result, clean: true };
    this.child.kill('SIGKILL');
    return { ...(await this.exited), clean: false };
  }
}

/** Resolves once `done()` holds, or nothing changed (`progress()`) for `idleMs`, or `maxMs` passed. */
async function waitUntil(done, progress, idleMs, maxMs) {
  const started = now();
  let last = progress();
  let lastChange = now();
  while (!done()) {
    await sleep(20);
    const current = progress();
    if (current !== last) {
      last = current;
      lastChange = now();
    }
    if (now() - lastChange > idleMs || now() - started > maxMs) return false;
  }
  return true;
}

function runWriter(file, rate, secs) {
  const child = track(
    spawn(process.execPath, [writerScript, '--file', file, '--rate', String(rate), '--seconds', String(secs), '--interval', String(interval)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`tail-writer exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ---------------------------------------------------------------- 1 & 2: steady rate

/**
 * Writes `rate` lines/s for `secs` into one followed file and measures each line's latency.
 * `sampleEveryMs`: also samples the tail process's RSS (the soak).
 */
async function steadyRun(label, rate, secs, userDataDir, sampleEveryMs = 0) {
  const dir = tempDir('rate');
  const file = join(dir, 'app.log');
  writeFileSync(file, `${timestamp()} INFO benchmark file created\n`);
  const tail = new Tail(dir, userDataDir);
  const total = Math.round(rate * secs);
  const counts = new Uint8Array(total);
  const latency = new Float64Array(total);
  // Worst latency per second of sending: shows whether a backlog builds up.
  const worstBySecond = new Float64Array(Math.ceil(secs) + 1);
  let received = 0;
  let distinct = 0;
  let outOfRange = 0;
  let base = Infinity;
  tail.onEntry = (message, at) => {
    const match = /seq=(\d+) sent=([\d.]+)/.exec(message);
    if (!match) return false;
    const seq = Number(match[1]);
    const sent = Number(match[2]);
    received++;
    if (seq >= total) {
      outOfRange++;
      return true;
    }
    if (counts[seq] === 0) distinct++;
    counts[seq] = Math.min(255, counts[seq] + 1);
    latency[seq] = at - sent;
    const second = Math.max(0, Math.min(worstBySecond.length - 1, Math.floor((sent - base) / 1000)));
    worstBySecond[second] = Math.max(worstBySecond[second], at - sent);
    return true;
  };
  try {
    const readySeconds = await tail.ready(file);
    log(`${label}: tail ready after ${readySeconds.toFixed(1)} s; writing ${rate} lines/s for ${secs} s`);
    const before = tail.stats();
    const loadBefore = loadavg()[0];
    const machineBefore = machineBusySeconds();
    const ownBefore = process.cpuUsage();
    const samples = [];
    const sampleStart = now();
    const sample = () => samples.push({ t: Math.round((now() - sampleStart) / 1000), rssMb: tail.stats().rssMb, received });
    let sampler;
    if (sampleEveryMs > 0) {
      sample();
      sampler = setInterval(sample, sampleEveryMs);
    }
    base = now();
    const writer = await runWriter(file, rate, secs);
    const writerDone = now();
    const all = await waitUntil(
      () => distinct === writer.written,
      () => received,
      15_000,
      120_000,
    );
    const drainSeconds = (now() - writerDone) / 1000;
    if (sampler) {
      clearInterval(sampler);
      sample();
    }
    const after = tail.stats();
    const machineSeconds = machineBusySeconds() - machineBefore;
    const own = process.cpuUsage(ownBefore);
    const stopped = await tail.stop();
    let missing = 0;
    let duplicates = 0;
    for (let seq = 0; seq < writer.written; seq++) {
      if (counts[seq] === 0) missing++;
      else duplicates += counts[seq] - 1;
    }
    const got = [];
    for (let seq = 0; seq < writer.written; seq++) if (counts[seq] > 0) got.push(latency[seq]);
    const sorted = Float64Array.from(got).sort();
    const result = {
      label,
      rate,
      seconds: secs,
      written: writer.written,
      received,
      distinct,
      missing,
      duplicates,
      outOfRange,
      unexpected: tail.unexpected,
      allArrived: all,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      achievedRate: writer.rate,
      writerMaxTimerLateMs: writer.maxTimerLateMs,
      writerBatches: writer.batches,
      drainSeconds,
      readySeconds,
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      cpuTotalSeconds: after.cpuSeconds,
      cpuPercent: ((after.cpuSeconds - before.cpuSeconds) / (writer.seconds + drainSeconds)) * 100,
      writerCpuSeconds: writer.cpuSeconds,
      benchCpuSeconds: (own.user + own.system) / 1e6,
      /** Everything the machine ran meanwhile (all processes), in cores: is something else competing? */
      machineBusyCores: machineSeconds / (writer.seconds + drainSeconds),
      otherProcessesCores: (machineSeconds - (after.cpuSeconds - before.cpuSeconds) - writer.cpuSeconds - (own.user + own.system) / 1e6) / (writer.seconds + drainSeconds),
      loadAverage1m: loadBefore,
      peakRssMb: after.hwmMb,
      rssStartMb: before.rssMb,
      rssEndMb: after.rssMb,
      threads: after.threads,
      worstBySecondMs: Array.from(worstBySecond, (ms) => Math.round(ms)),
      samples,
      cleanExit: stopped.clean !== false && stopped.code === 0,
    };
    log(
      `${label}: ${result.distinct}/${result.written} arrived (missing ${missing}, duplicates ${duplicates}); ` +
        `p50 ${ms(result.p50)} p95 ${ms(result.p95)} p99 ${ms(result.p99)} max ${ms(result.max)} ms; ` +
        `CPU ${result.cpuSeconds.toFixed(1)} s; peak RSS ${result.peakRssMb.toFixed(0)} MB`,
    );
    return result;
  } catch (error) {
    log(`${label}: failed: ${error instanceof Error ? error.message : error}`);
    throw error;
  } finally {
    await tail.stop();
    removeTemp(dir);
  }
}

// ---------------------------------------------------------------- 3: many files

async function manyFiles(count, userDataDir) {
  const dir = tempDir('files');
  const names = [];
  for (let i = 0; i < count; i++) {
    const name = join(dir, `f${String(i).padStart(5, '0')}.log`);
    names.push(name);
    writeFileSync(name, `${timestamp()} INFO file ${i} created\n${timestamp()} WARN file ${i} second line\n`);
  }
  const tail = new Tail(dir, userDataDir);
  const runId = Math.random().toString(36).slice(2, 10);
  const arrivals = new Float64Array(count).fill(NaN);
  const sentAt = new Float64Array(count).fill(NaN);
  const seen = new Uint16Array(count);
  let arrived = 0;
  let duplicates = 0;
  tail.onEntry = (message, at) => {
    const match = /file=(\d+) mark=(\w+)/.exec(message);
    if (!match || match[2] !== runId) return false;
    const i = Number(match[1]);
    if (seen[i]++ > 0) {
      duplicates++;
      return true;
    }
    arrived++;
    arrivals[i] = at;
    return true;
  };
  try {
    const readySeconds = await tail.ready(names[0], 300_000);
    const unexpectedBefore = tail.unexpected;
    const before = tail.stats();
    log(`files: tail following ${count} files, ready after ${readySeconds.toFixed(1)} s (${before.fds} fds, RSS ${before.rssMb.toFixed(0)} MB); appending one marker to each`);
    const start = now();
    for (let i = 0; i < count; i++) {
      sentAt[i] = now();
      appendFileSync(names[i], `${timestamp()} INFO file=${i} mark=${runId} sent=${sentAt[i].toFixed(3)}\n`);
    }
    const appendSeconds = (now() - start) / 1000;
    const all = await waitUntil(
      () => arrived === count,
      () => arrived,
      20_000,
      300_000,
    );
    const after = tail.stats();
    await tail.stop();
    const latencies = [];
    let last = -Infinity;
    for (let i = 0; i < count; i++) {
      if (Number.isNaN(arrivals[i])) continue;
      latencies.push(arrivals[i] - sentAt[i]);
      last = Math.max(last, arrivals[i]);
    }
    const sorted = Float64Array.from(latencies).sort();
    const result = {
      files: count,
      arrived,
      missing: count - arrived,
      duplicates,
      allArrived: all,
      readySeconds,
      appendSeconds,
      lastArrivalSeconds: arrived > 0 ? (last - start) / 1000 : NaN,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      /** Lines of the files' earlier content printed although tailing had started (should be 0). */
      unexpectedBeforeAppend: unexpectedBefore,
      unexpectedAfterAppend: tail.unexpected - unexpectedBefore,
      fdsBefore: before.fds,
      fdsAfter: after.fds,
      threads: after.threads,
      rssBeforeMb: before.rssMb,
      peakRssMb: after.hwmMb,
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      cpuTotalSeconds: after.cpuSeconds,
    };
    log(
      `files: ${arrived}/${count} markers arrived (duplicates ${duplicates}); last after ${result.lastArrivalSeconds.toFixed(2)} s; ` +
        `peak RSS ${result.peakRssMb.toFixed(0)} MB; ${after.fds} fds`,
    );
    return result;
  } finally {
    await tail.stop();
    removeTemp(dir);
  }
}

// ---------------------------------------------------------------- report

function ms(value) {
  return Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '-';
}

function report(steady, soak, files) {
  const out = [];
  out.push(`### logsift tail benchmark`);
  out.push('');
  out.push(`\`${command}\` — ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  out.push('');
  const rows = [...steady, ...(soak ? [soak] : [])];
  if (rows.length > 0) {
    out.push('| run | target lines/s | achieved lines/s | written | received (distinct) | missing | duplicates | p50 ms | p95 ms | p99 ms | max ms | tail CPU s (% of a core) | peak RSS MB | other processes (cores) |');
    out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const r of rows) {
      out.push(
        `| ${r.label} | ${r.rate} | ${Math.round(r.achievedRate)} | ${r.written} | ${r.distinct} | ${r.missing} | ${r.duplicates} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.cpuSeconds.toFixed(1)} (${r.cpuPercent.toFixed(0)}%) | ${r.peakRssMb.toFixed(0)} | ${r.otherProcessesCores.toFixed(2)} |`,
      );
    }
    out.push('');
    out.push('Latency: time the entry\'s JSON line reached this process minus the time the writer appended it. "other processes": CPU the rest of the machine used meanwhile (not the tail process, the writer or this script), in cores; anything above ~0.1 means the numbers are disturbed.');
    out.push('');
  }
  if (soak) {
    out.push(`Soak RSS (VmRSS of the tail process, MB, every 5 s at ${soak.rate} lines/s):`);
    out.push('');
    out.push('| t s | ' + soak.samples.map((s, i) => (i === soak.samples.length - 1 ? `${s.t} (end)` : s.t)).join(' | ') + ' |');
    out.push('|---|' + soak.samples.map(() => '--:').join('|') + '|');
    out.push('| RSS MB | ' + soak.samples.map((s) => s.rssMb.toFixed(0)).join(' | ') + ' |');
    out.push('| lines received | ' + soak.samples.map((s) => s.received).join(' | ') + ' |');
    const rss = soak.samples.map((s) => s.rssMb);
    out.push('');
    out.push(`start ${rss[0].toFixed(0)} MB, end ${rss.at(-1).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB (peak VmHWM ${soak.peakRssMb.toFixed(0)} MB)`);
    out.push('');
  }
  if (files) {
    out.push('| files | markers arrived | missing | duplicates | last arrived after s | p50 ms | p95 ms | time to ready s | tail CPU s | open fds | peak RSS MB |');
    out.push('|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    out.push(
      `| ${files.files} | ${files.arrived} | ${files.missing} | ${files.duplicates} | ${files.lastArrivalSeconds.toFixed(2)} | ${ms(files.p50)} | ${ms(files.p95)} | ${files.readySeconds.toFixed(1)} | ${files.cpuSeconds.toFixed(1)} | ${files.fdsAfter} | ${files.peakRssMb.toFixed(0)} |`,
    );
    out.push('');
    out.push(`Many files: ${files.files} files of 2 lines each are followed; once tailing is live one marker line is appended to each (in ${(files.appendSeconds * 1000).toFixed(0)} ms); "last arrived after" counts from the first append; p50/p95 are per-marker latencies; "time to ready" is from start until a marker line is printed; CPU is from the first append to the end.`);
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  if (process.platform !== 'linux') throw new Error('bench/tail.mjs reads /proc: run it on Linux');
  if (values.cli === join(root, 'bin', 'logsift.js') && !existsSync(join(root, 'dist', 'node', 'cli.js'))) throw new Error('the app is not built: run "npm run build" first');
  const userDataDir = tempDir('userdata');
  const steady = [];
  for (const rate of rates) steady.push(await steadyRun(`${rate}/s × ${seconds} s`, rate, seconds, userDataDir));
  const soak = soakSeconds > 0 ? await steadyRun(`soak 2000/s × ${soakSeconds} s`, 2000, soakSeconds, userDataDir, 5000) : undefined;
  const files = fileCount > 0 ? await manyFiles(fileCount, userDataDir) : undefined;
  process.stdout.write(`${report(steady, soak, files)}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify({ command, steady, soak, files })}\n`);
  else {
    for (const r of [...steady, ...(soak ? [soak] : [])]) {
      process.stdout.write(`worst latency per second of sending, ${r.label} (ms): ${r.worstBySecondMs.join(' ')}\n`);
    }
  }
  const lost = [...steady, ...(soak ? [soak] : [])].some((r) => r.missing > 0 || r.duplicates > 0) || (files && (files.missing > 0 || files.duplicates > 0));
  return lost ? 1 : 0;
}

main()
  .then((code) => {
    cleanup();
    process.exit(code);
  })
  .catch((error) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    cleanup();
    process.exit(1);
  });
