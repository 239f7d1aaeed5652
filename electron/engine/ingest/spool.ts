/**
 * Hands parsed entries from a worker to the store through files: the worker writes each batch as
 * JSON lines into the session's private folder, and DuckDB bulk-loads the file with its own
 * (multi-threaded, native) JSON reader. The UI thread never serialises or appends rows itself, so
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

/** Column names and DuckDB types of the spool files' JSON objects (short keys keep files small). */
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

function nullableText(text: string | null): string | null {
  return text === null ? null : wellFormed(text);
}

/** One spool line for an entry; `i` is its position in the batch. */
export function spoolLine(item: IngestItem, i: number): string {
  if (item.kind === 'unparsed') {
    const raw = wellFormed(item.row.raw);
    return JSON.stringify({ i, l: severityCode('unknown'), m: raw, w: raw, n: item.row.line, x: true, y: item.row.reason });
  }
  const e = item.event;
  return JSON.stringify({
    i,
    t: e.time === null ? null : Math.trunc(e.time),
    l: severityCode(e.level),
    p: nullableText(e.provider),
    e: e.eventId,
    c: nullableText(e.category),
    h: nullableText(e.computer),
    u: nullableText(e.user),
    ch: nullableText(e.channel),
    r: e.recordId,
    m: wellFormed(e.message),
    d: e.data === null ? null : wellFormed(JSON.stringify(e.data)),
    w: wellFormed(e.raw),
    n: e.line,
    x: false,
  });
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
    const path = join(this.dir, `${this.prefix}-${this.files++}.jsonl`);
    await writeFile(path, this.lines.join('\n'));
    const batch = { path, count: this.lines.length, events: this.events, unparsed: this.unparsed };
    this.lines = [];
    this.events = 0;
    this.unparsed = 0;
    this.bytes = 0;
    return batch;
  }
}
