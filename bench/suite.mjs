// The benchmark suite (npm run bench): Logsift against the tools users compare it with, in one run
// on one machine, so that the ratios hold whatever the machine.
//
//   node bench/suite.mjs [--events 1000000,5000000] [--formats syslog,eventviewer-csv,jsonl]
//                        [--quick] [--skip-evtx] [--skip-tail] [--evtx-repeat N] [--lnav-rounds N]
//
// For each size and format it generates a seeded file (cached in bench/.data/), then measures
// ingest (`logsift parse --stats`), and the first rows, load, the grid's queries and (up to 1M
// events) a CSV export (`logsift bench-queries --json --export`). On syslog it runs lnav and Logsift side by side: load
// the file and count its errors, whole processes. Then .evtx against evtxexport (bench/evtx.mjs)
// and tail latency (bench/tail.mjs at 20,000 lines/s for 5 s).
//
// stdout: one JSON record per measurement. stderr: progress, then a markdown summary with the goals
// of issue 9 marked met or missed. --quick: 100,000 events and a small .evtx, for a smoke run.
// Needs a built app (npm run build), /usr/bin/time, lnav and evtxexport (libevtx-utils).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateEntries } from './generate.mjs';
import { evtxComparison, ingest, lnavComparison, queries, removeSuiteTemp, tailLatency } from './suite-steps.mjs';
import { summary } from './suite-report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'bench', '.data');

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    formats: { type: 'string', default: 'syslog,eventviewer-csv,jsonl' },
    quick: { type: 'boolean', default: false },
    'skip-evtx': { type: 'boolean', default: false },
    'skip-tail': { type: 'boolean', default: false },
    'evtx-repeat': { type: 'string' },
    'lnav-rounds': { type: 'string', default: '2' },
  },
});

/**
 * The suite's data: generator and file extension per format. The version is part of the cached
 * file's name, so that changing a generator makes new files instead of reusing stale ones.
 */
const DATA_VERSION = 1;
const DATASETS = {
  syslog: { generator: 'syslog-rfc3164', extension: 'log' },
  'eventviewer-csv': { generator: 'eventviewer-csv', extension: 'csv' },
  jsonl: { generator: 'jsonl', extension: 'jsonl' },
};

const sizes = values.quick ? [100_000] : values.events.split(',').map((text) => Number(text.replace(/_/g, '')));
const formats = values.formats.split(',');
// 30 copies of security.evtx are about 65 MB: long enough to time, short enough for the suite.
const evtxRepeat = Number(values['evtx-repeat'] ?? (values.quick ? 5 : 30));
const lnavRounds = Number(values['lnav-rounds']);
// Export speed (rows/s) hardly depends on the size, and at 5M events one export takes minutes.
const EXPORT_UP_TO_EVENTS = 1_000_000;
for (const format of formats) if (!DATASETS[format]) throw new Error(`unknown format "${format}"; the suite has ${Object.keys(DATASETS).join(', ')}`);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--events takes positive whole numbers, not "${values.events}"`);
if (!existsSync(join(root, 'dist', 'node', 'cli.js'))) throw new Error('the app is not built: run "npm run build" first');

const started = performance.now();
const log = (text) => process.stderr.write(`[suite ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}\n`);
const records = [];
const emit = (record) => {
  records.push(record);
  process.stdout.write(`${JSON.stringify(record)}\n`);
};

function version(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return 'not found';
  }
}

async function dataFile(format, events) {
  const { generator, extension } = DATASETS[format];
  const path = join(dataDir, `suite-${format}-${events}-v${DATA_VERSION}.${extension}`);
  if (existsSync(path)) return path;
  log(`generating ${basename(path)}`);
  mkdirSync(dataDir, { recursive: true });
  // Written aside and renamed, so that an interrupted run never leaves a short file in the cache.
  const partial = `${path}.partial`;
  await generateEntries(generator, partial, events);
  renameSync(partial, path);
  return path;
}

function step(name, run) {
  log(`${name}…`);
  const stepStart = performance.now();
  const result = run();
  log(`${name}: done in ${((performance.now() - stepStart) / 1000).toFixed(1)} s`);
  return result;
}

try {
  emit({
    benchmark: 'machine',
    nproc: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    lnav: version('/usr/bin/lnav', ['-V']),
    evtxexport: version('evtxexport', ['-V']),
    loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
  });
  for (const events of sizes) {
    for (const format of formats) {
      const file = await dataFile(format, events);
      // The machine is shared: each record says how busy it was when its step began.
      const tag = () => ({ generatedEvents: events, loadAverage1m: Number(loadavg()[0].toFixed(2)) });
      emit({ ...tag(), ...step(`ingest ${basename(file)}`, () => ingest(file, format)) });
      const queryTag = tag();
      for (const record of step(`queries ${basename(file)}`, () => queries(file, format, { exportCsv: events <= EXPORT_UP_TO_EVENTS }))) emit({ ...queryTag, ...record });
      if (format === 'syslog') emit({ ...tag(), ...step(`lnav vs Logsift ${basename(file)}`, () => lnavComparison(file, lnavRounds)) });
    }
  }
  if (!values['skip-evtx']) for (const record of step(`evtx vs evtxexport (--repeat ${evtxRepeat})`, () => evtxComparison(evtxRepeat))) emit(record);
  if (!values['skip-tail']) for (const record of step('tail at 20,000 lines/s for 5 s', () => tailLatency(20_000, 5))) emit(record);
  emit({ benchmark: 'suite', seconds: Math.round((performance.now() - started) / 1000), loadAverageEnd: loadavg().map((n) => Number(n.toFixed(2))) });
  process.stderr.write(summary(records));
} finally {
  removeSuiteTemp();
}
