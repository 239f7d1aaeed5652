/**
 * `logsift bench-queries FILE... [--json] [--load-and-count] [--export]`: a developer command that
 * times what a user waits for, through the engine the app uses (real DuckDB, real files):
 *
 * - the first rows while the files load, and the load itself;
 * - loading plus one filtered count (errors), the work `lnav -n -c ';SELECT count(*) …'` does, so
 *   that bench/suite.mjs can compare whole processes; --load-and-count stops there;
 * - on the loaded data, what the grid asks for: the first page (200 rows) and the counts, for a
 *   level, provider, event-ID, time-range, substring and regex filter and a sort by provider, and
 *   pages deep in the default order. Each is run three times: the first run finds DuckDB cold (the
 *   engine caches no pages), the others show the steady state;
 * - with --export, one CSV export of everything shown (rows/s), as bench/export.mjs does it.
 *
 * Filter values come from the data (the most frequent provider and event ID, a word in about 1 %
 * of the rows), so the command works on any file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventQuery } from '../../shared/model/query';
import { facetChipSearch } from '../../shared/search/search-syntax';
import { Engine } from '../engine/engine';
import { deepScrollOffsets, middleTenth, regexSearchFor, round, spreadOffsets, summarizeTimings, wordNearShare } from './bench-queries-plan';

export interface BenchQueriesOptions {
  files: string[];
  json: boolean;
  loadAndCountOnly: boolean;
  exportCsv: boolean;
  workerScript: string;
  userDataDir: string;
  out: Writable;
  err: Writable;
}

/** The grid's page size. */
const PAGE_SIZE = 200;
const REPEATS = 3;
/** How often the first page is asked for while the files load; the grid refreshes about as often. */
const FIRST_ROWS_POLL_MS = 10;
/** Pages sampled (spread over the file) to find a word for the substring search. */
const SAMPLE_PAGES = 25;
const SUBSTRING_SHARE = 0.01;
/**
 * Entries whose raw text is read too: a search looks at more than the message (raw text, data),
 * and a word in every entry's raw text (a JSON key) would match all rows, not 1 %.
 */
const RAW_SAMPLE = 100;
const RAW_MAX_SHARE = 0.05;

type Report = Record<string, unknown>;

export async function runBenchQueriesCommand(options: BenchQueriesOptions): Promise<number> {
  const file = options.files.map((path) => basename(path)).join(', ');
  const print = (line: Report): void => {
    const report = { benchmark: 'query', file, ...line };
    options.out.write(options.json ? `${JSON.stringify(report)}\n` : `${describe(report)}\n`);
  };
  const engine = await Engine.create({ workerScript: options.workerScript, userDataDir: options.userDataDir });
  try {
    const loaded = await timeLoading(engine, options.files, print);
    if (loaded.failed) return 1;
    if (!options.loadAndCountOnly) await timeQueries(engine, loaded.rows, print);
    if (!options.loadAndCountOnly && options.exportCsv) await timeExport(engine, loaded.rows, print);
    print({ name: 'peak-rss', rows: loaded.rows, mb: Math.round(process.resourceUsage().maxRSS / 1024) });
    return 0;
  } finally {
    engine.close();
  }
}

async function timeLoading(engine: Engine, files: string[], print: (line: Report) => void): Promise<{ rows: number; failed: boolean }> {
  const start = performance.now();
  await engine.openPaths(files, { expandDirectories: false });
  let firstRowsMs: number | undefined;
  const loading = engine.whenIdle().then(() => performance.now() - start);
  let done = false;
  void loading.then(() => (done = true));
  while (!done && firstRowsMs === undefined) {
    const page = await engine.queryEvents({ query: {}, offset: 0, limit: PAGE_SIZE });
    if (page.rows.length > 0) firstRowsMs = performance.now() - start;
    else await sleep(FIRST_ROWS_POLL_MS);
  }
  const loadedMs = await loading;
  // The lnav comparison: everything from process start (Node's time origin) to the answer.
  const errors = await engine.countEvents({ levels: ['error'] });
  const loadAndCountMs = performance.now();
  const sources = await engine.listSources();
  const failed = sources.filter((source) => source.status !== 'ready');
  const all = await engine.countEvents({});
  const bytes = sources.reduce((sum, source) => sum + source.bytesTotal, 0);
  const events = sources.reduce((sum, source) => sum + source.events, 0);
  print({ name: 'first-rows', rows: all.shown, ms: round(firstRowsMs ?? loadedMs), bytes });
  print({ name: 'loaded', rows: all.shown, ms: round(loadedMs), bytes, events, eventsPerSecond: Math.round(events / (loadedMs / 1000)) });
  print({ name: 'load-and-error-count', rows: all.shown, ms: round(loadAndCountMs), errors: errors.shown, from: 'process start' });
  for (const source of failed) print({ name: 'load-failed', path: source.path, status: source.status, errors: source.errors });
  return { rows: all.shown, failed: failed.length > 0 };
}

/** One measured step: what the grid sends for it. */
interface Measurement {
  name: string;
  query: EventQuery;
  offset: number;
  /** The count the grid asks for beside a first page; a scroll only fetches the page. */
  withCounts: boolean;
}

async function timeQueries(engine: Engine, rows: number, print: (line: Report) => void): Promise<void> {
  const { measurements, skipped } = await planMeasurements(engine, rows);
  for (const reason of skipped) print({ rows, ...reason });
  for (const { name, query, offset, withCounts } of measurements) {
    const runsMs: number[] = [];
    let matches = 0;
    for (let run = 0; run < REPEATS; run++) {
      const start = performance.now();
      const page = await engine.queryEvents({ query, offset, limit: PAGE_SIZE });
      if (withCounts) await engine.countEvents(query);
      runsMs.push(performance.now() - start);
      matches = page.total;
    }
    const timing = summarizeTimings(runsMs);
    // The first ask is the figure: asked again, a view's counts come from the store's cache.
    print({ name, rows, ms: timing.firstMs, ...timing, runsMs: runsMs.map(round), matches, offset, query: describeQuery(query) });
  }
}

/** The steps, with filter values read from the data; steps the data cannot support are skipped. */
async function planMeasurements(engine: Engine, rows: number): Promise<{ measurements: Measurement[]; skipped: Report[] }> {
  const firstPage = (name: string, query: EventQuery): Measurement => ({ name, query, offset: 0, withCounts: true });
  const measurements: Measurement[] = [firstPage('filter-level', { levels: ['error', 'critical'] })];
  const skipped: Report[] = [];
  const facets = await engine.getFacets({}, 5);
  const topValue = (field: 'provider' | 'eventId') => facets.find((facet) => facet.field === field)?.values.find((value) => value.value !== null);
  const provider = topValue('provider');
  if (provider) measurements.push(firstPage('filter-provider', { text: facetChipSearch('provider', provider.value, provider.label) }));
  else skipped.push({ name: 'filter-provider', skipped: 'no providers' });
  const eventId = topValue('eventId');
  if (eventId) measurements.push(firstPage('filter-event-id', { text: facetChipSearch('eventId', eventId.value, eventId.label) }));
  else skipped.push({ name: 'filter-event-id', skipped: 'no event IDs' });
  const span = await timeSpan(engine);
  if (span) measurements.push(firstPage('filter-time-range', middleTenth(span.first, span.last)));
  else skipped.push({ name: 'filter-time-range', skipped: 'no times' });
  const sample = await sampleTexts(engine, rows);
  // When every message word is common somewhere (generated JSON lines draw all words from one small
  // list), the rarest-fitting word of the raw texts still measures what a search costs: every row
  // is scanned either way.
  const word =
    wordNearShare(sample.messages, SUBSTRING_SHARE, { texts: sample.raw, maxShare: RAW_MAX_SHARE }) ?? wordNearShare(sample.raw, SUBSTRING_SHARE);
  if (word) {
    measurements.push(firstPage('filter-substring', { text: word.word }));
    measurements.push(firstPage('filter-regex', { text: regexSearchFor(word.word) }));
  } else skipped.push({ name: 'filter-substring', skipped: 'no words in the sampled messages' });
  measurements.push(firstPage('sort-provider', { sort: [{ column: 'provider', direction: 'asc' }] }));
  for (const offset of deepScrollOffsets(rows)) measurements.push({ name: `deep-page-${offset}`, query: {}, offset, withCounts: false });
  return { measurements, skipped };
}

/** The first and last time in the view (times sort nulls last either way). */
async function timeSpan(engine: Engine): Promise<{ first: number; last: number } | undefined> {
  const [earliest] = (await engine.queryEvents({ query: {}, offset: 0, limit: 1 })).rows;
  const [latest] = (await engine.queryEvents({ query: { sort: [{ column: 'time', direction: 'desc' }] }, offset: 0, limit: 1 })).rows;
  if (earliest?.time == null || latest?.time == null || latest.time <= earliest.time) return undefined;
  return { first: earliest.time, last: latest.time };
}

/** Messages of pages spread over the view, and the raw text of some of those entries. */
async function sampleTexts(engine: Engine, rows: number): Promise<{ messages: string[]; raw: string[] }> {
  const ids: number[] = [];
  const messages: string[] = [];
  for (const offset of spreadOffsets(rows, SAMPLE_PAGES, PAGE_SIZE)) {
    const page = await engine.queryEvents({ query: {}, offset, limit: PAGE_SIZE });
    for (const row of page.rows) {
      messages.push(row.message);
      ids.push(row.id);
    }
  }
  const raw: string[] = [];
  const step = Math.max(1, Math.floor(ids.length / RAW_SAMPLE));
  for (let i = 0; i < ids.length; i += step) {
    const detail = await engine.getEvent(ids[i]!);
    if (detail) raw.push(`${detail.raw} ${JSON.stringify(detail.data ?? '')}`);
  }
  return { messages, raw };
}

async function timeExport(engine: Engine, rows: number, print: (line: Report) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-bench-export-'));
  try {
    const start = performance.now();
    const columns = ['time', 'level', 'provider', 'eventId', 'category', 'computer', 'user', 'message', 'kb'] as const;
    const result = await engine.exportTo({ query: {}, format: 'csv', columns: [...columns] }, join(dir, 'export.csv'));
    const ms = performance.now() - start;
    print({ name: 'export-csv', rows, ms: round(ms), exported: result.rows, rowsPerSecond: Math.round(result.rows / (ms / 1000)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeQuery(query: EventQuery): string {
  const parts: string[] = [];
  if (query.levels) parts.push(`levels ${query.levels.join(',')}`);
  if (query.text) parts.push(query.text);
  if (query.from !== undefined && query.to !== undefined) parts.push(`${new Date(query.from).toISOString()} – ${new Date(query.to).toISOString()}`);
  if (query.sort) parts.push(`sort ${query.sort.map((key) => `${key.column} ${key.direction}`).join(', ')}`);
  return parts.join('; ') || 'default view';
}

/** One line for a person: the name, the time and what else was measured. */
function describe(report: Report): string {
  const { benchmark: _benchmark, file: _file, name, ms, ...rest } = report;
  const extra = Object.entries(rest)
    .filter(([key]) => key !== 'runsMs')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${String(name).padEnd(22)} ${ms === undefined ? '' : `${String(ms).padStart(9)} ms  `}${extra}`;
}
