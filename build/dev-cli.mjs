// Runs the CLI straight from the TypeScript sources (bundled into a private temp folder), so a
// developer can try a parser change without rebuilding dist/:  node build/dev-cli.mjs parse FILE --stats
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = mkdtempSync(join(tmpdir(), 'logsift-dev-'));
try {
  await build({
    entryPoints: { cli: join(root, 'electron/cli/cli.ts'), 'ingest-worker': join(root, 'electron/engine/ingest/ingest-worker.ts'), 'unit-worker': join(root, 'electron/engine/ingest/unit-worker.ts'), 'tail-worker': join(root, 'electron/engine/tail/tail-worker.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'warning',
    define: { LOGSIFT_VERSION: JSON.stringify(`${version}-dev`) },
  });
  const result = spawnSync(process.execPath, [join(outdir, 'cli.js'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
