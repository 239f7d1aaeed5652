/**
 * `logsift parse FILE... --jsonl | --stats`: the headless reader.
 *
 * --jsonl streams each file straight through the ingest pipeline and prints one JSON object per
 * entry. --stats runs the app's own ingest path (workers → store) and reports the accounting per
 * file from the store, so it is the command to compare with other tools.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { ParsedEvent, SourceInfo } from '../../shared/model/log-event';
import { KbMatcher } from '../../shared/kb/matcher';
import { kbReason, type KbVerdictRecord } from '../../shared/model/kb';
import { Engine } from '../engine/engine';
import { KnowledgeBase } from '../engine/kb/knowledge-base';
import { eventToJson, unparsedToJson } from '../engine/export/entry-json';
import { expandArchives, type SourceFile } from '../engine/ingest/containers';
import { readSource, SourceError, type ReadSourceOptions } from '../engine/ingest/read-source';

export interface ParseCommandOptions {
  files: string[];
  mode: 'jsonl' | 'stats';
  read: ReadSourceOptions;
  workerScript: string;
  userDataDir: string;
  out: Writable;
  err: Writable;
}

/** Runs the command; resolves to the exit code (1 when any file failed, after all were tried). */
export async function runParseCommand(options: ParseCommandOptions): Promise<number> {
  return options.mode === 'jsonl' ? printJsonLines(options) : printStats(options);
}

async function printJsonLines(options: ParseCommandOptions): Promise<number> {
  let failed = false;
  const kb = await KnowledgeBase.load(options.userDataDir);
  if (kb.userRulesProblem) options.err.write(`logsift: ${kb.userRulesProblem}\n`);
  const matcher = new KbMatcher(kb.entries());
  const workDir = mkdtempSync(join(tmpdir(), 'logsift-parse-'));
  try {
    for (const named of options.files) {
      let files: SourceFile[];
      try {
        files = await expandArchives(resolve(named), workDir);
      } catch (error) {
        failed = true;
        options.err.write(`logsift: ${error instanceof Error ? error.message : String(error)}\n`);
        continue;
      }
      for (const { path, readPath } of files) {
        if (!(await printFile(options, path, readPath, matcher))) failed = true;
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

/** Prints one file's entries; false when it could not be read. */
async function printFile(options: ParseCommandOptions, file: string, readPath: string, matcher: KbMatcher): Promise<boolean> {
  let format = '';
  try {
    const report = await readSource(readPath, options.read, {
      detected: (detection) => (format = detection.format),
      progress: () => undefined,
      batch: async (items) => {
        const text = items
          .map((item) =>
            JSON.stringify(
              item.kind === 'event'
                ? eventToJson(item.event, file, format, kbRecord(matcher, item.event))
                : unparsedToJson(item.row, file, format),
            ),
          )
          .join('\n');
        if (!options.out.write(`${text}\n`)) await new Promise((resolve) => options.out.once('drain', resolve));
      },
    });
    // An empty file, one that shrank or vanished while read: said, but not a failure.
    for (const note of report.notes) options.err.write(`logsift: ${file}: ${note}\n`);
    return true;
  } catch (error) {
    // Name the file as the user knows it, not an archive member's extracted copy.
    options.err.write(`logsift: ${describe(error, file).split(readPath).join(file)}\n`);
    return false;
  }
}

/**
 * What the KB says of one entry on its own. Burst guards and escalations need the other entries
 * (the app and `kb test` apply them); here an entry is hidden when its rule hides.
 */
function kbRecord(matcher: KbMatcher, event: ParsedEvent): KbVerdictRecord | null {
  const entry = matcher.classify(event);
  if (!entry) return null;
  const { rule } = entry;
  return { rule: rule.id, verdict: rule.verdict, hidden: rule.hide, reason: kbReason(rule, null) };
}

async function printStats(options: ParseCommandOptions): Promise<number> {
  const engine = await Engine.create({ workerScript: options.workerScript, userDataDir: options.userDataDir });
  try {
    await engine.openPaths(options.files, { expandDirectories: false, ...options.read });
    await engine.whenIdle();
    const sources = await engine.listSources();
    const counts = await engine.countEvents({});
    for (const source of sources) for (const error of source.errors) options.err.write(`logsift: ${error}\n`);
    const files = sources.map(sourceStats);
    const report = {
      files,
      totals: {
        files: files.length,
        events: sum(files, (f) => f.events),
        unparsed: sum(files, (f) => f.unparsed),
        errors: sum(files, (f) => f.errors.length),
        lostLines: sum(files, (f) => f.lostLines),
        byLevel: counts.byLevel,
        hiddenByKb: counts.hidden,
      },
    };
    options.out.write(`${JSON.stringify(report)}\n`);
    return sources.some((source) => source.status === 'error') ? 1 : 0;
  } finally {
    engine.close();
  }
}

function sourceStats(source: SourceInfo) {
  return {
    file: source.path,
    format: source.format,
    encoding: source.encoding,
    bytes: source.bytesTotal,
    bytesRead: source.bytesRead,
    events: source.events,
    unparsed: source.unparsed,
    replacedBytes: source.replacedBytes,
    lines: source.lines,
    lostLines: source.lostLines,
    damagedBytes: source.damagedBytes,
    damage: source.damage,
    errors: source.errors,
  };
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

function describe(error: unknown, file: string): string {
  if (error instanceof SourceError) return error.message;
  return `${file}: ${error instanceof Error ? error.message : String(error)}`;
}
