// Fuzzes the format parsers, the decoder and detection from the TypeScript sources (bundled into a
// private temp folder, as build/dev-cli.mjs does), on a worker thread with a time bound per input
// and a heap limit. Not part of `npm test` (its smoke is electron/engine/fuzz/fuzz-smoke.test.ts).
//
//   npm run fuzz -- --seconds N [--parser NAME[,NAME]] [--seed S] [--timeout MS] [--no-save]
//
// New findings are shrunk and saved to electron/engine/fuzz/findings/ (see its index.json).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = mkdtempSync(join(tmpdir(), 'logsift-fuzz-build-'));
try {
  await build({
    entryPoints: { 'fuzz-cli': join(root, 'electron/engine/fuzz/fuzz-cli.ts'), 'fuzz-worker': join(root, 'electron/engine/fuzz/fuzz-worker.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    packages: 'external',
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'warning',
  });
  const result = spawnSync(
    process.execPath,
    ['--enable-source-maps', join(outdir, 'fuzz-cli.js'), ...process.argv.slice(2), '--root', root, '--worker', join(outdir, 'fuzz-worker.js')],
    { stdio: 'inherit', env: { ...process.env, NODE_PATH: join(root, 'node_modules') } },
  );
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
