/**
 * `logsift tail DIR... [--jsonl] [--hide-benign]`: a `tail -F` with formats and the KB. Watches
 * the folders (a file named instead is followed on its own), and prints each entry as it arrives,
 * one line of text or one JSON object; exits cleanly on Ctrl-C.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { EventDetail } from '../../shared/model/log-event';
import type { WatchOptions } from '../../shared/model/watch';
import { Engine } from '../engine/engine';
import { detailToJson } from '../engine/export/entry-json';

export interface TailCommandOptions {
  paths: string[];
  jsonl: boolean;
  hideBenign: boolean;
  /** Print what the files already hold too, not only what arrives from now on. */
  fromStart: boolean;
  watch: Partial<WatchOptions>;
  workerScript: string;
  userDataDir: string;
  out: Writable;
  err: Writable;
  /** Resolves when the command should stop (Ctrl-C). */
  stopped: Promise<void>;
}

/** Rows printed per query while catching up. */
const PAGE = 5000;
/** What the files hold when tailing starts has loaded once nothing new came for this long. */
const QUIET_MS = 300;

export async function runTailCommand(options: TailCommandOptions): Promise<number> {
  const engine = await Engine.create({ workerScript: options.workerScript, userDataDir: options.userDataDir });
  try {
    for (const path of options.paths) {
      const target = resolve(path);
      const info = await stat(target).catch(() => undefined);
      if (!info) {
        options.err.write(`logsift tail: ${target}: no such file or folder\n`);
        return 1;
      }
      // A single file: its folder, watched for that name only (it may be rotated and re-created).
      if (info.isDirectory()) await engine.watchFolder(target, options.watch);
      else await engine.watchFolder(dirname(target), { ...options.watch, recursive: false, include: [basename(target)] });
    }
    let last = -1;
    if (!options.fromStart) last = await settledLastId(engine);
    // On stderr, so that --jsonl output stays pure: scripts wait for this line before appending.
    const files = (await engine.listWatches()).reduce((sum, watch) => sum + watch.files, 0);
    options.err.write(`logsift tail: following ${files} file${files === 1 ? '' : 's'} in ${options.paths.join(', ')}; Ctrl-C to stop\n`);
    let printing = Promise.resolve();
    const print = async (): Promise<void> => {
      for (;;) {
        const rows = await engine.eventsAfter(last, PAGE);
        if (rows.length === 0) return;
        last = rows.at(-1)!.id;
        const text = rows
          .filter((row) => !(options.hideBenign && row.kb?.hidden))
          .map((row) => (options.jsonl ? JSON.stringify(toJson(row)) : describe(row)))
          .join('\n');
        if (text && !options.out.write(`${text}\n`)) await new Promise((done) => options.out.once('drain', done));
      }
    };
    // Printed as soon as rows are stored, not on the UI's coalesced change notices.
    let queued = false;
    const stop = engine.onStored(() => {
      // One print waiting is enough: it reads everything stored by the time it runs.
      if (queued) return;
      queued = true;
      printing = printing.then(() => ((queued = false), print()), () => ((queued = false), print()));
    });
    printing = printing.then(print);
    await options.stopped;
    stop();
    await printing.catch(() => undefined);
    return 0;
  } finally {
    engine.close();
  }
}

/** Waits for what the files already hold to load, and returns the last row id by then. */
async function settledLastId(engine: Engine): Promise<number> {
  let lastChange = Date.now();
  const stop = engine.on('eventsChanged', () => (lastChange = Date.now()));
  try {
    while (Date.now() - lastChange < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    stop();
  }
  return engine.lastEventId();
}

function toJson(row: EventDetail): Record<string, unknown> {
  return detailToJson(row, row.kb ? { rule: row.kb.rule, verdict: row.kb.verdict, hidden: row.kb.hidden, flag: row.kb.flag } : null);
}

function describe(row: EventDetail): string {
  const time = row.time === null ? '-' : new Date(row.time).toISOString().replace('T', ' ').replace('Z', '');
  const where = [row.provider, row.eventId].filter((part) => part !== null).join(' ');
  return `${time} ${row.level.toUpperCase()} ${basename(row.file)}${where ? ` ${where}` : ''}: ${row.message.replace(/\s*\n\s*/g, ' ')}`;
}
