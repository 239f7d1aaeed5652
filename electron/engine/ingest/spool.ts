/**
 * Hands parsed entries from a worker to the store through files: the worker writes each batch as
 * tab-separated lines into the session's private folder, and DuckDB bulk-loads the file with its
 * own (multi-threaded, native) CSV reader. The UI thread never serialises or appends rows itself, so
 * it stays free to answer queries while large files load.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { severityCode } from '../../../shared/model/severity';
import type { IngestItem } from './ingest-item';

/** A batch written to disk, ready for the store to load. */
export interface SpooledBatch {
  path: string;
  /** Rows in the file; their `i` values run from 0 to count - 1 in file order. */
  count: number;
  events: number;
  unparsed: number;
}

/** Column names (in file order) and DuckDB types of the spool files. */
export const SPOOL_COLUMNS = {
  i: 'BIGINT',
  t: 'BIGINT',
  l: 'UTINYINT',
  p: 'VARCHAR',
  e: 'INTEGER',
  c: 'VARCHAR',
  h: 'VARCHAR',
  u: 'VARCHAR',
  ch: 'VARCHAR',
  r: 'BIGINT',
  m: 'VARCHAR',
  mo: 'INTEGER',
  d: 'VARCHAR',
  w: 'VARCHAR',
  n: 'INTEGER',
  x: 'BOOLEAN',
  y: 'VARCHAR',
} as const;

/** DuckDB reads strings as UTF-8: lone surrogates (from broken UTF-16) would make it reject the file. */
function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}


/** Spool files are tab-separated; NULL is written as \N (a real "\N" string is quoted). */
const NULL = '\\N';
const NEEDS_QUOTES = /[\t\n\r"]|^\\N$/;

/** A text field: as is when it holds nothing special (the common case), else quoted CSV-style. */
function textField(text: string | null): string {
  if (text === null) return NULL;
  const safe = wellFormed(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function numberField(value: number | null): string {
  return value === null || !Number.isFinite(value) ? NULL : String(Math.trunc(value));
}

const UNKNOWN_CODE = severityCode('unknown');

/**
 * One spool line for an entry (`i` is its position in the batch), in SPOOL_COLUMNS order. Plain
 * concatenation: this runs once per entry and JSON.stringify of an object dominated the profile.
 */
export function spoolLine(item: IngestItem, i: number): string {
  if (item.kind === 'unparsed') {
    const raw = textField(item.row.raw);
    return `${i}\t${NULL}\t${UNKNOWN_CODE}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${raw}\t${NULL}\t${NULL}\t${raw}\t${item.row.line}\ttrue\t${textField(item.row.reason)}`;
  }
  const e = item.event;
  // Most formats' message is the tail of the raw text (the line after its timestamp, the last CSV
  // field): send its offset instead of the text again, which halves what is written and parsed.
  const offset = e.message.length > 0 && e.raw.endsWith(e.message) ? e.raw.length - e.message.length : -1;
  return (
    `${i}\t${numberField(e.time)}\t${severityCode(e.level)}\t${textField(e.provider)}\t${numberField(e.eventId)}` +
    `\t${textField(e.category)}\t${textField(e.computer)}\t${textField(e.user)}\t${textField(e.channel)}` +
    `\t${numberField(e.recordId)}\t${offset < 0 ? textField(e.message) : NULL}\t${offset < 0 ? NULL : offset}` +
    `\t${e.data === null ? NULL : textField(JSON.stringify(e.data))}\t${textField(e.raw)}\t${e.line}\tfalse\t${NULL}`
  );
}

/** Collects entries and writes them out in files of growing size (small first, for quick first rows). */
export class SpoolWriter {
  private lines: string[] = [];
  private events = 0;
  private unparsed = 0;
  private bytes = 0;
  private files = 0;

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
  ) {}

  add(items: readonly IngestItem[]): void {
    for (const item of items) {
      const line = spoolLine(item, this.lines.length);
      this.lines.push(line);
      this.bytes += line.length;
      if (item.kind === 'event') this.events++;
      else this.unparsed++;
    }
  }

  /** True when enough has gathered to be worth a file: 2,000 rows for the first, then 50,000 or 32 MB. */
  get full(): boolean {
    return this.files === 0 ? this.lines.length >= 2000 : this.lines.length >= 50_000 || this.bytes >= 32 * 1024 * 1024;
  }

  get empty(): boolean {
    return this.lines.length === 0;
  }

  async flush(): Promise<SpooledBatch | undefined> {
    if (this.lines.length === 0) return undefined;
    const path = join(this.dir, `${this.prefix}-${this.files++}.tsv`);
    await writeFile(path, this.lines.join('\n'));
    const batch = { path, count: this.lines.length, events: this.events, unparsed: this.unparsed };
    this.lines = [];
    this.events = 0;
    this.unparsed = 0;
    this.bytes = 0;
    return batch;
  }
}
