/** What the engine's tests share: the built ingest worker, and waiting for something to happen. */
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** Engine tests load files through the worker threads built into dist/ (`npm run build`). */
export const WORKER = join(ROOT, 'dist', 'node', 'ingest-worker.js');

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
