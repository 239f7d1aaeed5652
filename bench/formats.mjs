// Ingest throughput per format: generates (once, cached) a file of each format and loads it with
// `logsift parse --stats` — the app's own path: worker decode + parse, batched store appends.
// Prints one JSON line per measurement.  Usage: node bench/formats.mjs [--size-mb 1024] [--formats a,b]
// (npm run bench:formats; `npm run bench` is the suite, bench/suite.mjs)
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GENERATED_FORMATS, generateFile } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'size-mb': { type: 'string', default: '1024' }, formats: { type: 'string' } } });
const sizeMb = Number(values['size-mb']);
const formats = values.formats ? values.formats.split(',') : GENERATED_FORMATS;
const dataDir = join(root, 'bench', '.data');
mkdirSync(dataDir, { recursive: true });

for (const format of formats) {
  const file = join(dataDir, `${format}-${sizeMb}mb.log`);
  if (!existsSync(file)) await generateFile(format, file, sizeMb * 1024 * 1024);
  const bytes = statSync(file).size;
  // GNU time reports the peak resident set size of the process (the largest of its threads'
  // process; worker threads share it).
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, join(root, 'bin', 'logsift.js'), 'parse', file, '--stats'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const [seconds, peakKb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  const report = JSON.parse(run.stdout);
  const [stats] = report.files;
  console.log(
    JSON.stringify({
      benchmark: 'ingest',
      format,
      detected: stats.format,
      bytes,
      events: stats.events,
      unparsed: stats.unparsed,
      lostLines: stats.lostLines,
      seconds,
      mbPerSecond: Number((bytes / 1048576 / seconds).toFixed(1)),
      eventsPerSecond: Math.round(stats.events / seconds),
      peakRssMb: Math.round(peakKb / 1024),
    }),
  );
}
