/**
 * Test support: the fuzz worker bundled from the sources (vitest runs TypeScript, worker threads
 * need JavaScript), dependencies included so that it runs from a temporary folder.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { InputRunner } from './input-runner';

export interface BundledWorker {
  script: string;
  remove(): void;
}

export async function bundleFuzzWorker(): Promise<BundledWorker> {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-fuzz-test-'));
  const script = join(dir, 'fuzz-worker.js');
  await build({
    entryPoints: [join(__dirname, 'fuzz-worker.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  return { script, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Registers the suite's setup and teardown: the worker bundled once, one runner for its tests.
 * Returns the runner's getter (the runner exists once beforeAll has run).
 */
export function useFuzzRunner(): () => InputRunner {
  let worker: BundledWorker | undefined;
  let runner: InputRunner | undefined;
  beforeAll(async () => {
    worker = await bundleFuzzWorker();
    runner = new InputRunner(worker.script);
  });
  afterAll(async () => {
    await runner?.close();
    worker?.remove();
  });
  return () => runner!;
}
