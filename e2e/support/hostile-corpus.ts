/**
 * The hostile corpus (fixtures/hostile) ready to open: copied into a temp folder (bookmarks are
 * saved beside the files, and the committed fixtures must stay as they are), with what is made at
 * test time rather than committed — a 10 MB line, JSON nested 10,000 deep, and a file whose very
 * name is markup with a right-to-left override.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './serve';

export const HOSTILE_FIXTURES = join(ROOT, 'fixtures', 'hostile');

/** The committed files the app reads, and their entries. */
const COMMITTED: Readonly<Record<string, number>> = {
  'hostile-plain.log': 39,
  'hostile-syslog.log': 6,
  'hostile.jsonl': 47,
  'hostile-eventviewer.csv': 23,
  'hostile-eventviewer.xml': 16,
  'hostile-w3c.log': 2,
  'hostile-nul.log': 3,
};

/** A file name that is markup, and whose right-to-left override makes "report‮gol.exe" pass for "reportexe.log". */
const HOSTILE_FILE_NAME = `<svg onload=alert('file-name')>report\u202Egol.exe`;

/** The start of the 10 MB line's message (its time is read off the line). */
export const LONG_LINE_START = `ERROR <img src=x onerror="window.__pwned='long-line'"> start of a 10 MB line`;
const LONG_LINE_END = 'end of the 10 MB line';
export const DEEP_JSON_MESSAGE = 'nested 10,000 deep';

export interface HostileCorpus {
  folder: string;
  files: string[];
  /** Entries the app should show once everything is read. */
  entries: number;
}

function longLine(): string {
  return `2025-03-14 09:00:00 ${LONG_LINE_START} ${'A'.repeat(10 * 1024 * 1024)} ${LONG_LINE_END}\n2025-03-14 09:00:01 INFO the line after the long one\n`;
}

/** JSON lines: one array and one object nested 10,000 deep, between two ordinary entries. */
function deepJson(): string {
  const depth = 10_000;
  const array = `${'['.repeat(depth)}"<img src=x onerror=\\"window.__pwned='deep-json'\\">"${']'.repeat(depth)}`;
  const object = `${'{"a":'.repeat(depth)}"<svg onload=alert('deep-object')>"${'}'.repeat(depth)}`;
  return [
    JSON.stringify({ timestamp: '2025-03-14T09:00:02Z', level: 'info', message: 'before the deep entries' }),
    `{"timestamp":"2025-03-14T09:00:03Z","level":"error","message":"${DEEP_JSON_MESSAGE} (array)","deep":${array}}`,
    `{"timestamp":"2025-03-14T09:00:04Z","level":"error","message":"${DEEP_JSON_MESSAGE} (object)","deep":${object}}`,
    JSON.stringify({ timestamp: '2025-03-14T09:00:05Z', level: 'info', message: 'after the deep entries' }),
    '',
  ].join('\n');
}

export function prepareHostileCorpus(): HostileCorpus {
  const folder = mkdtempSync(join(tmpdir(), 'logsift-e2e-hostile-'));
  const files = Object.keys(COMMITTED).map((name) => {
    copyFileSync(join(HOSTILE_FIXTURES, name), join(folder, name));
    return join(folder, name);
  });
  writeFileSync(join(folder, 'long-line.log'), longLine());
  writeFileSync(join(folder, 'deep.jsonl'), deepJson());
  // The syslog sample again, under a name that is itself hostile (source chips, File column, facets).
  copyFileSync(join(HOSTILE_FIXTURES, 'hostile-syslog.log'), join(folder, HOSTILE_FILE_NAME));
  files.push(join(folder, 'long-line.log'), join(folder, 'deep.jsonl'), join(folder, HOSTILE_FILE_NAME));
  const entries = Object.values(COMMITTED).reduce((sum, count) => sum + count, 0) + 2 + 4 + COMMITTED['hostile-syslog.log']!;
  return { folder, files, entries };
}
