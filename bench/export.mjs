// Developer benchmark, not part of the test suite: exports of 1 million entries.
//
//   node bench/export.mjs [--rows N]        (npm run bench:export)
//
// Generates a seeded Event Viewer CSV export of about N entries (default 1,000,000), loads it
// through the engine (workers, DuckDB store, KB), then exports the whole view to CSV and to
// .xlsx through the same code the app and `logsift export` use, one after the other. Reported per
// format: seconds, rows/s, output size, and the process's resident memory before and at its peak
// during the export (sampled every 50 ms).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { generateFile } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const rowsAt = args.indexOf('--rows');
const rows = rowsAt >= 0 ? Number(args[rowsAt + 1]) : 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'logsift-export-bench-'));

try {
  // About 164 bytes an entry in the generated Event Viewer CSV.
  const input = join(dir, 'input.csv');
  await generateFile('eventviewer-csv', input, Math.round(rows * 164));
  // Beside the repository's node_modules, so that the runner finds DuckDB and the other packages.
  mkdirSync(join(root, 'bench', '.data'), { recursive: true });
  const runner = join(root, 'bench', '.data', 'run-export.mjs');
  await build({
    stdin: {
      contents: `
        import { Engine } from ${JSON.stringify(join(root, 'electron', 'engine', 'engine.ts'))};
        import { statSync, mkdtempSync } from 'node:fs';
        import { join } from 'node:path';
        const [input, out] = process.argv.slice(2);
        const engine = await Engine.create({ workerScript: ${JSON.stringify(join(root, 'dist', 'node', 'ingest-worker.js'))}, userDataDir: mkdtempSync(join(out, 'user-')) });
        let t = performance.now();
        await engine.openPaths([input], { expandDirectories: false });
        await engine.whenIdle();
        const { all } = await engine.countEvents({ showHidden: true });
        const results = [{ step: 'load', seconds: (performance.now() - t) / 1000, rows: all }];
        const columns = ['time', 'level', 'provider', 'eventId', 'category', 'computer', 'user', 'message', 'kb'];
        for (const format of ['csv', 'xlsx']) {
          if (global.gc) global.gc();
          const before = process.memoryUsage().rss;
          let peak = before;
          const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
          t = performance.now();
          const result = await engine.exportTo({ query: { showHidden: true }, format, columns }, join(out, 'export.' + format));
          clearInterval(sampler);
          results.push({ step: format, seconds: (performance.now() - t) / 1000, rows: result.rows, bytes: statSync(result.path).size, rssBeforeMb: before / 1048576, rssPeakMb: peak / 1048576 });
        }
        engine.close();
        console.log(JSON.stringify(results));
        process.exit(0);`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: runner,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, ['--expose-gc', runner, input, dir], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: root });
  if (run.status !== 0) throw new Error(run.stderr);
  const results = JSON.parse(run.stdout.trim().split('\n').at(-1));
  console.log(`Input: ${(statSync(input).size / 1048576).toFixed(0)} MB Event Viewer CSV, ${results[0].rows.toLocaleString('en-US')} entries, loaded in ${results[0].seconds.toFixed(1)} s.`);
  console.log('| format | entries | seconds | rows/s | output MB | RSS before export | peak RSS during export |');
  console.log('|---|---|---|---|---|---|---|');
  for (const result of results.slice(1)) {
    console.log(
      `| ${result.step} | ${result.rows.toLocaleString('en-US')} | ${result.seconds.toFixed(1)} | ${Math.round(result.rows / result.seconds).toLocaleString('en-US')} | ${(result.bytes / 1048576).toFixed(0)} | ${Math.round(result.rssBeforeMb)} MB | ${Math.round(result.rssPeakMb)} MB |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
