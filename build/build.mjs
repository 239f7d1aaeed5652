// Builds everything the app and the CLI run: the Node side with esbuild (main, preload, CLI,
// ingest worker) and the renderer with Vite. Runs on `npm install` (prepare) and `npm run build`.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist', 'node');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { LOGSIFT_VERSION: JSON.stringify(version) },
};

await Promise.all([
  // Host-side code: dependencies stay in node_modules (DuckDB is native; electron is the runtime).
  esbuild({
    ...common,
    entryPoints: {
      cli: join(root, 'electron/cli/cli.ts'),
      'ingest-worker': join(root, 'electron/engine/ingest/ingest-worker.ts'),
      'unit-worker': join(root, 'electron/engine/ingest/unit-worker.ts'),
      'tail-worker': join(root, 'electron/engine/tail/tail-worker.ts'),
      main: join(root, 'electron/main.ts'),
    },
    outdir,
    packages: 'external',
  }),
  // A sandboxed preload may only require 'electron': everything else is bundled in.
  esbuild({
    ...common,
    entryPoints: { preload: join(root, 'electron/preload.ts') },
    outdir,
    external: ['electron'],
  }),
]);

await viteBuild({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
console.log(`Logsift ${version} built into dist/`);
