// Conformance suite for the Windows binary logs: runs Logsift and the Debian oracles (libevtx-utils,
// python3-evtx, libevt-utils) over every .evtx and .evt under the given folders and compares, per
// file, the records each found, their event IDs and their times.
//
//   npm run conformance -- DIR... [--json] [--timeout SEC] [--jobs N] [--dev | --dist] [--skip PROGRAM]
//
// A file PASSes when Logsift has every record the best oracle (the one that found the most) found,
// with the same record id, event ID and time to the second; otherwise it FAILs, with the reason.
// UNVERIFIED: every oracle failed on the file. Exit code 1 when any file FAILs.
//
// Logsift runs as `node bin/logsift.js` when dist/node/cli.js exists, else `node build/dev-cli.mjs`
// (bundles the current sources); --dev / --dist choose explicitly.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judge } from './conformance-compare.mjs';
import { findOracles, lastError, missingOracleMessages, runOracles, runTool } from './conformance-oracles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: npm run conformance -- DIR... [--json] [--timeout SEC] [--jobs N] [--dev | --dist] [--skip PROGRAM]
  DIR         folders (searched recursively) or files: every .evtx and .evt is compared
  --json      one JSON object per file instead of the table
  --timeout   seconds each oracle (and Logsift) may take per file (default 120)
  --jobs      files worked on at once (default 1)
  --dev       run Logsift from the current sources (node build/dev-cli.mjs)
  --dist      run the built Logsift (node bin/logsift.js; needs npm run build)
  --skip      leave one oracle program out (repeatable), e.g. --skip evtx_dump.py`;

function parseArgs(argv) {
  const options = { paths: [], json: false, timeoutMs: 120_000, jobs: 1, mode: undefined, skip: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--timeout') options.timeoutMs = Math.max(1, Number(value())) * 1000;
    else if (arg === '--jobs') options.jobs = Math.max(1, Math.floor(Number(value())) || 1);
    else if (arg === '--dev') options.mode = 'dev';
    else if (arg === '--dist') options.mode = 'dist';
    else if (arg === '--skip') options.skip.add(value());
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (!Number.isFinite(options.timeoutMs)) throw new Error('--timeout needs a number of seconds');
  return options;
}

/** Every .evtx / .evt under the given paths, sorted, with its kind. */
function findLogs(paths) {
  const files = [];
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      process.stderr.write(`conformance: ${path}: no such file or folder\n`);
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else if (/\.evtx$/i.test(path)) files.push({ path: resolve(path), kind: 'evtx', size: info.size });
    else if (/\.evt$/i.test(path)) files.push({ path: resolve(path), kind: 'evt', size: info.size });
  };
  for (const path of paths) visit(path);
  return files;
}

// ---------------------------------------------------------------------------------------------
// Logsift

function logsiftCommand(mode) {
  const dist = join(root, 'dist', 'node', 'cli.js');
  const useDist = mode === 'dist' || (mode === undefined && existsSync(dist));
  if (useDist) return { label: 'node bin/logsift.js', args: [join(root, 'bin', 'logsift.js')], dist };
  return { label: 'node build/dev-cli.mjs', args: [join(root, 'build', 'dev-cli.mjs')] };
}

/** The newest modification time of the engine sources (to warn when dist/ is older). */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['electron', 'shared']) if (existsSync(join(root, dir))) visit(join(root, dir));
  return newest;
}

/** Errors Logsift printed on stderr ("logsift: FILE: reason"), by file. */
function errorsByFile(stderr, files) {
  const errors = new Map();
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('logsift: ')) continue;
    for (const file of files) {
      const at = line.indexOf(file);
      if (at >= 0) errors.set(file, line.slice(at + file.length).replace(/^:\s*/, '') || line);
    }
  }
  return errors;
}

/**
 * Runs `parse FILES --jsonl` and `parse FILES --stats`. Resolves to Map(file → { records, unparsed,
 * format, error, damage, damagedBytes, seconds }), or undefined when the run as a whole failed.
 */
async function runLogsiftBatch(command, files, timeoutMs) {
  const results = new Map(files.map((file) => [file, { records: [], unparsed: 0, format: null, error: null, damage: [], damagedBytes: 0 }]));
  let badLines = 0;
  const jsonl = await runTool(process.execPath, [...command.args, 'parse', ...files, '--jsonl'], {
    cwd: root,
    timeoutMs,
    onLine: (line) => {
      if (!line.trim()) return;
      let item;
      try {
        item = JSON.parse(line);
      } catch {
        badLines++;
        return;
      }
      const result = results.get(item.file);
      if (!result) return;
      result.format ??= item.format ?? null;
      if (item.unparsed) {
        result.unparsed++;
        return;
      }
      const time = item.time ? Date.parse(item.time) : null;
      result.records.push({
        recordId: typeof item.recordId === 'number' ? item.recordId : null,
        eventId: typeof item.eventId === 'number' ? item.eventId & 0xffff : null,
        time: Number.isFinite(time) ? time : null,
      });
    },
  });
  if (jsonl.timedOut || jsonl.error || (jsonl.code !== 0 && jsonl.code !== 1)) {
    return { failed: jsonl.timedOut ? `timed out after ${Math.round(jsonl.ms / 1000)} s` : jsonl.error || `exit ${jsonl.code ?? jsonl.signal}: ${lastError(jsonl.stderr)}` };
  }
  const jsonlErrors = errorsByFile(jsonl.stderr, files);
  for (const [file, error] of jsonlErrors) results.get(file).error = error;
  if (jsonl.code !== 0) {
    // Exit 1 is normal when some file could not be read (it says so on stderr); a file with
    // neither output nor its own error line means Logsift itself failed (e.g. the bundle broke).
    const silent = [...results].filter(([, r]) => !r.error && r.records.length === 0 && r.unparsed === 0);
    if (silent.length === files.length) return { failed: `exit ${jsonl.code}: ${lastError(jsonl.stderr) || 'no message'}`, fatal: true };
    for (const [, result] of silent) result.error = `logsift exited ${jsonl.code} without output for this file`;
  }
  if (badLines) for (const result of results.values()) result.error ??= `${badLines} lines of --jsonl output were not JSON`;

  const stats = await runTool(process.execPath, [...command.args, 'parse', ...files, '--stats'], { cwd: root, timeoutMs });
  let report;
  try {
    report = JSON.parse(stats.stdout.trim().split('\n').pop() || '{}');
  } catch {
    report = undefined;
  }
  for (const entry of report?.files ?? []) {
    const result = results.get(resolve(entry.file));
    if (!result) continue;
    result.damage = Array.isArray(entry.damage) ? entry.damage : [];
    result.damagedBytes = entry.damagedBytes ?? 0;
    result.format ??= entry.format ?? null;
    if (Array.isArray(entry.errors) && entry.errors.length) result.statsErrors = entry.errors;
  }
  if (!report) for (const result of results.values()) result.statsNote = `--stats gave no report (${stats.timedOut ? 'timed out' : lastError(stats.stderr) || `exit ${stats.code}`})`;
  const seconds = Math.round((jsonl.ms + stats.ms) / 100) / 10;
  for (const result of results.values()) result.seconds = files.length === 1 ? seconds : null;
  return { results };
}

/** Logsift's results for every file: one batch run, or one run per file when the batch failed. */
async function runLogsift(command, files, timeoutMs, log) {
  const batch = await runLogsiftBatch(command, files, Math.min(timeoutMs * files.length, 60 * 60_000));
  if (batch.results) return batch.results;
  if (batch.fatal) {
    log(`conformance: Logsift failed to run (${batch.failed})`);
    const error = `logsift failed to run: ${batch.failed}`;
    return new Map(files.map((file) => [file, { records: [], unparsed: 0, format: null, error, damage: [], damagedBytes: 0 }]));
  }
  log(`conformance: the Logsift batch run failed (${batch.failed}); running it file by file`);
  const results = new Map();
  for (const file of files) {
    const single = await runLogsiftBatch(command, [file], timeoutMs);
    results.set(file, single.results?.get(file) ?? { records: [], unparsed: 0, format: null, error: `logsift ${single.failed}`, damage: [], damagedBytes: 0 });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Output

function pad(text, width) {
  text = String(text);
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function formatBlock(report, shown) {
  const lines = [`${report.status.padEnd(10)} ${shown}`];
  const ls = report.logsift;
  lines.push(`  logsift      ${ls.records} records` + (ls.format ? ` (${ls.format})` : '') + (ls.unparsed ? `, ${ls.unparsed} unparsed` : '') + (ls.error ? ` [${ls.error}]` : ''));
  if (report.info) {
    const info = report.info;
    const flags = [info.corrupted ? 'corrupted' : '', ...info.flags.map((f) => f.replace(/^Is /, '').replace(/^Has /, '').toLowerCase())].filter(Boolean);
    lines.push(`  ${pad(report.kind === 'evtx' ? 'evtxinfo' : 'evtinfo', 13)}${info.records ?? '?'} records, ${info.recovered ?? '?'} recovered` + (flags.length ? ` (${flags.join(', ')})` : '') + (report.infoNote ? ` [${report.infoNote}]` : ''));
  }
  for (const [name, entry] of Object.entries(report.oracles)) {
    let text = `  ${pad(name, 13)}${entry.records} records`;
    if (entry.recovered) text += ` + ${entry.recovered} recovered (logsift has ${entry.recoveredFoundByLogsift} of them)`;
    if (entry.implausible) text += ` (+${entry.implausible} implausible: no record id, id 0 or dated 1601-01-01; ignored)`;
    if (!entry.ok) text += ` [${entry.note}]`;
    lines.push(text);
    const diffs = entry.eventIdDifferences;
    if (diffs.length) {
      const shownDiffs = diffs.slice(0, 8).map((d) => `${d.eventId}: ${d.logsift} vs ${d.oracle}`);
      const extra = entry.match.extra ? ` (logsift also counts ${entry.match.extra} records ${name} does not list)` : '';
      lines.push(`    event IDs differ: ${shownDiffs.join(', ')}${diffs.length > 8 ? `, … (${diffs.length} IDs)` : ''}${extra}`);
    }
    const m = entry.match;
    if (entry.records) lines.push(`    by record id: ${m.matched} matched, ${m.missing} missing, ${m.timeMismatches} time mismatches, ${m.eventIdMismatches} event-ID mismatches, ${m.extra} only in logsift`);
  }
  if (report.logsift.damage.length || report.logsift.damagedBytes) {
    lines.push(`  damage       logsift: ${report.logsift.damagedBytes} bytes; ${report.logsift.damage.slice(0, 5).join('; ')}${report.logsift.damage.length > 5 ? `; … (${report.logsift.damage.length} notes)` : ''}`);
  }
  lines.push(`  ${report.reason}`);
  return lines.join('\n');
}

function summaryTable(reports, shownName) {
  const columns = ['logsift', 'evtxexport', 'evtx_dump.py', 'evtexport'];
  const header = `${pad('status', 11)}${columns.map((c) => pad(c, 13)).join('')}file`;
  const rows = reports.map((r) => {
    const cell = (name) => {
      if (name === 'logsift') return String(r.logsift.records) + (r.logsift.error ? '!' : '');
      const entry = r.oracles[name];
      if (!entry) return '-';
      return `${entry.records}${entry.recovered ? `+${entry.recovered}r` : ''}${entry.ok ? '' : '!'}`;
    };
    return `${pad(r.status, 11)}${columns.map((c) => pad(cell(c), 13)).join('')}${shownName(r.file)}`;
  });
  return [header, ...rows].join('\n');
}

/** The deepest folder that holds every given path (file names are shown relative to it). */
function commonFolder(paths) {
  const folders = paths.map((path) => {
    const full = resolve(path);
    return existsSync(full) && statSync(full).isDirectory() ? full : dirname(full);
  });
  let common = folders[0].split(sep);
  for (const folder of folders.slice(1)) {
    const parts = folder.split(sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(sep) || sep;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`conformance: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help || options.paths.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return options.help ? 0 : 2;
  }
  const log = (text) => process.stderr.write(`${text}\n`);

  const found = findOracles();
  for (const program of options.skip) found[program] = undefined;
  for (const message of missingOracleMessages(found)) if (!options.skip.has(message.split(' ')[1])) log(message);

  const files = findLogs(options.paths);
  if (files.length === 0) {
    log('conformance: no .evtx or .evt files found');
    return 2;
  }
  const command = logsiftCommand(options.mode);
  if (command.dist && statSync(command.dist).mtimeMs < newestSource()) {
    log('conformance: dist/ is older than the sources; this runs the built Logsift (pass --dev to run the current sources)');
  }
  log(`conformance: ${files.length} files; logsift = ${command.label}; timeout ${options.timeoutMs / 1000} s per tool per file`);

  const logsift = await runLogsift(command, files.map((f) => f.path), options.timeoutMs, log);

  const base = commonFolder(options.paths);
  const shown = (file) => {
    const rel = relative(base, file);
    return rel.startsWith('..') ? file : rel;
  };

  const reports = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      const oracles = await runOracles(file.path, file.kind, found, { timeoutMs: options.timeoutMs });
      const report = judge(file.path, file.kind, logsift.get(file.path), oracles);
      report.bytes = file.size;
      reports[index] = report;
      if (!options.json) log(`conformance: [${index + 1}/${files.length}] ${report.status} ${shown(file.path)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, files.length) }, worker));

  if (options.json) {
    for (const report of reports) process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(`${reports.map((r) => formatBlock(r, shown(r.file))).join('\n\n')}\n\n`);
    process.stdout.write(`${summaryTable(reports, shown)}\n`);
    const count = (status) => reports.filter((r) => r.status === status).length;
    process.stdout.write(
      `\n${files.length} files: ${count('PASS')} PASS, ${count('FAIL')} FAIL, ${count('UNVERIFIED')} UNVERIFIED (every oracle failed)` +
        `  [r = recovered records, ! = tool failed or partial]\n`,
    );
  }
  return reports.some((r) => r.status === 'FAIL') ? 1 : 0;
}

process.exitCode = await main();
