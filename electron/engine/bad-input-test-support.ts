/**
 * What the bad-input tests share (files that cannot be read, change while read, crash their
 * reader): logs of numbered lines written at test time, and the checks every case makes — the good
 * file beside the bad one loaded completely, and the accounting of the bad one honest. Checks return
 * the problems they find, so a failing test says which promise broke.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { SourceInfo } from '../../shared/model/log-event';
import type { Engine } from './engine';

/** Every line of a numbered log is this long (newline included), so sizes and offsets are exact. */
export const LINE_BYTES = 64;

const FIRST_SECOND = Date.UTC(2026, 10, 26);

/** The text of line `n` (from 1) of a numbered log, newline included: one second after line n - 1. */
export function numberedLine(n: number): string {
  const time = new Date(FIRST_SECOND + n * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const start = `${time} INFO line ${String(n).padStart(8, '0')} `;
  return `${start.padEnd(LINE_BYTES - 1, 'x')}\n`;
}

/** Writes a log of `lines` numbered lines (tens of MB are written in a moment); returns its size. */
export function writeNumberedLog(path: string, lines: number): number {
  writeFileSync(path, '');
  const perWrite = 20_000;
  for (let first = 1; first <= lines; first += perWrite) {
    let text = '';
    for (let n = first; n < first + perWrite && n <= lines; n++) text += numberedLine(n);
    appendFileSync(path, text);
  }
  return lines * LINE_BYTES;
}

export function sourceOf(sources: readonly SourceInfo[], path: string): SourceInfo {
  const source = sources.find((candidate) => candidate.path === path);
  if (!source) throw new Error(`no source for ${path} among ${sources.map((s) => s.path).join(', ')}`);
  return source;
}

async function storedRows(engine: Engine, sourceId: number): Promise<number> {
  return (await engine.countEvents({ sourceIds: [sourceId], showHidden: true })).shown;
}

/**
 * The accounting promise for any source, good or bad: the rows in the store are the entries it
 * claims, no line went missing, and bytes it did not read are explained by a message on it.
 */
export async function accountingProblems(engine: Engine, source: SourceInfo): Promise<string[]> {
  const problems: string[] = [];
  const stored = await storedRows(engine, source.id);
  if (source.status === 'loading') problems.push(`${source.name} is still loading`);
  if (stored !== source.events + source.unparsed) problems.push(`${source.name}: ${stored} rows stored for ${source.events} events + ${source.unparsed} unparsed`);
  if (source.lostLines !== 0) problems.push(`${source.name}: ${source.lostLines} lines lost`);
  if (source.bytesRead > source.bytesTotal) problems.push(`${source.name}: ${source.bytesRead} bytes read of ${source.bytesTotal}`);
  if (source.bytesRead < source.bytesTotal && source.errors.length === 0) {
    problems.push(`${source.name}: ${source.bytesTotal - source.bytesRead} bytes not read, and no message says why`);
  }
  return problems;
}

/** A numbered log of `lines` lines loaded completely: every line an event, every byte read, no message. */
export async function completeLoadProblems(engine: Engine, source: SourceInfo, lines: number): Promise<string[]> {
  const problems = await accountingProblems(engine, source);
  const expected = { status: 'ready', events: lines, unparsed: 0, lines, bytesRead: lines * LINE_BYTES, bytesTotal: lines * LINE_BYTES, errors: '' };
  const actual = { ...expected, ...source, errors: source.errors.join(' | ') };
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (actual[key] !== expected[key]) problems.push(`${source.name}: ${key} is ${JSON.stringify(actual[key])}, expected ${JSON.stringify(expected[key])}`);
  }
  // Its rows answer a query, in file order.
  const page = await engine.queryEvents({ query: { sourceIds: [source.id], showHidden: true }, offset: 0, limit: 2 });
  if (page.total !== lines) problems.push(`${source.name}: a query shows ${page.total} of ${lines} rows`);
  if (lines > 0 && !page.rows[0]?.message.includes('line 00000001')) problems.push(`${source.name}: first row is ${JSON.stringify(page.rows[0]?.message)}`);
  return problems;
}

/** After whatever went wrong, the engine still opens and reads a file, and answers queries on it. */
export async function laterOpenProblems(engine: Engine, path: string, lines = 120): Promise<string[]> {
  writeNumberedLog(path, lines);
  await engine.openPaths([path], { expandDirectories: false });
  await engine.whenIdle();
  return completeLoadProblems(engine, sourceOf(await engine.listSources(), path), lines);
}
