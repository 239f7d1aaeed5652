/** Starts the real `logsift serve` (the built CLI) for a spec and stops it afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'fixtures', 'logs');
export const CSV_FIXTURE = join(FIXTURES, 'eventviewer-csv', 'mta_test_eventviewer_export.csv');
export const TEXT_FIXTURE = join(FIXTURES, 'text', 'exchange-transport-sample.log');

export interface ServeHandle {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** Starts a server for `paths`; `userDataDir` (default: a new empty one) holds recent files and user KB rules. */
export async function startServe(paths: string[], userDataDir = mkdtempSync(join(tmpdir(), 'logsift-e2e-'))): Promise<ServeHandle> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'logsift.js'), 'serve', '--port', '0', ...paths], {
    env: { ...process.env, LOGSIFT_USER_DATA: userDataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`logsift serve did not start:\n${output}`)), 20_000);
    const onData = (data: Buffer) => {
      output += String(data);
      // Wait for the whole line: output can arrive cut anywhere, even inside the URL.
      const match = /running at (http:\/\/\S+)\r?\n/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`logsift serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        // A server that does not stop promptly must not hold up the run.
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
