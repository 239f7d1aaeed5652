/**
 * `logsift export PATH... -o OUT [--format …] [--query TEXT] [--level LEVEL+] [--source NAME]
 * [--from ISO] [--to ISO] [--show-benign]`: loads the files through the app's own path and writes
 * the filtered view, with the same filters as the grid; what the KB hides stays out by default.
 */
import { extname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { EXPORT_COLUMNS, EXPORT_FORMATS, type ExportColumn, type ExportFormat } from '../../shared/model/export';
import type { EventQuery } from '../../shared/model/query';
import { SEVERITIES, severityFromWord, type Severity } from '../../shared/model/severity';
import { Engine } from '../engine/engine';

export interface ExportCommandOptions {
  paths: string[];
  out: string;
  format?: string;
  query?: string;
  level?: string;
  sources: string[];
  from?: string;
  to?: string;
  showBenign: boolean;
  workerScript: string;
  userDataDir: string;
  stdout: Writable;
  stderr: Writable;
}

/** The table columns a command-line export carries: the grid's, then where each entry came from. */
const CLI_COLUMNS: ExportColumn[] = ['time', 'level', 'provider', 'eventId', 'category', 'computer', 'user', 'message', 'kb', 'file', 'line'];

/** `warning+`: that level and every more urgent one; `error,warning`: those levels. */
export function parseLevels(text: string): Severity[] | string {
  const levels = new Set<Severity>();
  for (const part of text.split(',').map((word) => word.trim()).filter(Boolean)) {
    const andAbove = part.endsWith('+');
    const level = severityFromWord(andAbove ? part.slice(0, -1) : part);
    if (!level) return `unknown level "${part}" (use ${SEVERITIES.join(', ')}; "warning+" means warning and more urgent)`;
    if (andAbove) for (const more of SEVERITIES.slice(0, SEVERITIES.indexOf(level) + 1)) levels.add(more);
    else levels.add(level);
  }
  return [...levels];
}

function parseTime(text: string, name: string): number | string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? `--${name}: "${text}" is not an ISO 8601 time (2026-11-26 or 2026-11-26T10:00:00Z)` : time;
}

export async function runExportCommand(options: ExportCommandOptions): Promise<number> {
  const fail = (message: string): number => {
    options.stderr.write(`logsift export: ${message}\n`);
    return 2;
  };
  const format = (options.format ?? extname(options.out).slice(1).toLowerCase()) as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) return fail(`say --format ${EXPORT_FORMATS.join('|')} (or end the output name with one of them)`);
  const query: EventQuery = { showHidden: options.showBenign };
  if (options.query) query.text = options.query;
  if (options.level) {
    const levels = parseLevels(options.level);
    if (typeof levels === 'string') return fail(levels);
    query.levels = levels;
  }
  for (const [name, text] of [['from', options.from], ['to', options.to]] as const) {
    if (text === undefined) continue;
    const time = parseTime(text, name);
    if (typeof time === 'string') return fail(time);
    query[name] = time;
  }
  const engine = await Engine.create({ workerScript: options.workerScript, userDataDir: options.userDataDir });
  try {
    await engine.openPaths(options.paths, { expandDirectories: true });
    await engine.whenIdle();
    const sources = await engine.listSources();
    for (const source of sources) for (const error of source.errors) options.stderr.write(`logsift: ${error}\n`);
    if (options.sources.length > 0) {
      const wanted = options.sources.map((name) => name.toLowerCase());
      query.sourceIds = sources.filter((source) => wanted.some((name) => source.name.toLowerCase() === name || source.path.toLowerCase() === name)).map((source) => source.id);
      if (query.sourceIds.length === 0) return fail(`no opened file is called ${options.sources.join(' or ')}`);
    }
    const columns = CLI_COLUMNS.filter((column) => EXPORT_COLUMNS.includes(column));
    const result = await engine.exportTo({ query, format, columns, bom: false }, resolve(options.out));
    options.stderr.write(`logsift export: ${result.rows} ${result.rows === 1 ? "entry" : "entries"} written to ${result.path}\n`);
    return sources.some((source) => source.status === 'error') ? 1 : 0;
  } finally {
    engine.close();
  }
}
