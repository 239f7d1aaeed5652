/**
 * Hands parsed entries from a worker to the store through files: the worker writes each batch as
 * tab-separated lines into the session's private folder, and DuckDB bulk-loads the file with its
 * own (multi-threaded, native) CSV reader. The UI thread never serialises or appends rows itself, so
 * it stays free to answer queries while large files load.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { severityCode } from '../../../shared/model/severity';
import { KbMatcher, type RuleEntry } from '../../../shared/kb/matcher';
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { IngestItem } from './ingest-item';

/** A batch written to disk, ready for the store to load. */
export interface SpooledBatch {
  path: string;
  /** Rows in the file; their `i` values run from 0 to count - 1 in file order. */
  count: number;
  events: number;
  unparsed: number;
  /** Entries a KB rule matched. */
  classified: number;
  /** Size of the file in bytes (no line in it is longer). */
  bytes: number;
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
  k: 'VARCHAR',
} as const;

/**
 * Spool files are tab-separated; NULL is written as \N (a real "\N" string is quoted). The quote
 * character is U+0001, not '"': JSON (the `data` column) is full of double quotes but never holds
 * a raw control character, so most fields need no quoting at all. A quote inside a quoted field
 * is doubled.
 */
export const SPOOL_QUOTE = '\u0001';
const NULL = '\\N';
const NEEDS_QUOTES = /[\t\n\r\u0001]|^\\N$/;
/** Anything that needs a second look: quoting, or a lone surrogate (from broken UTF-16). */
const SPECIAL = /[\t\n\r\u0001\ud800-\udfff]|^\\N$/;

/** A text field: as is when it holds nothing special (the common case), else quoted. */
function textField(text: string | null): string {
  if (text === null) return NULL;
  if (!SPECIAL.test(text)) return text;
  // DuckDB reads strings as UTF-8: lone surrogates would make it reject the file.
  const safe = text.isWellFormed() ? text : text.toWellFormed();
  return NEEDS_QUOTES.test(safe) ? `${SPOOL_QUOTE}${safe.replaceAll(SPOOL_QUOTE, SPOOL_QUOTE + SPOOL_QUOTE)}${SPOOL_QUOTE}` : safe;
}

function numberField(value: number | null): string {
  return value === null || !Number.isFinite(value) ? NULL : String(Math.trunc(value));
}

const UNKNOWN_CODE = severityCode('unknown');

/**
 * One spool line for an entry (`i` is its position in the batch), in SPOOL_COLUMNS order. Plain
 * concatenation: this runs once per entry and JSON.stringify of an object dominated the profile.
 */
export function spoolLine(item: IngestItem, i: number, kbRule: string | null = null): string {
  if (item.kind === 'unparsed') {
    const raw = textField(item.row.raw);
    return `${i}\t${NULL}\t${UNKNOWN_CODE}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${NULL}\t${raw}\t${NULL}\t${NULL}\t${raw}\t${item.row.line}\ttrue\t${textField(item.row.reason)}\t${NULL}`;
  }
  const e = item.event;
  // Most formats' message is the tail of the raw text (the line after its timestamp, the last CSV
  // field): send its offset instead of the text again, which halves what is written and parsed.
  const offset = e.message.length > 0 && e.raw.endsWith(e.message) ? e.raw.length - e.message.length : -1;
  return (
    `${i}\t${numberField(e.time)}\t${severityCode(e.level)}\t${textField(e.provider)}\t${numberField(e.eventId)}` +
    `\t${textField(e.category)}\t${textField(e.computer)}\t${textField(e.user)}\t${textField(e.channel)}` +
    `\t${numberField(e.recordId)}\t${offset < 0 ? textField(e.message) : NULL}\t${offset < 0 ? NULL : offset}` +
    `\t${e.data === null ? NULL : textField(JSON.stringify(e.data))}\t${textField(e.raw)}\t${e.line}\tfalse\t${NULL}\t${textField(kbRule)}`
  );
}

/** Classifies events with the KB rules in force (see shared/kb/matcher.ts): the rule id, or null. */
export function kbClassifier(rules: readonly RuleEntry[]): (event: ParsedEvent) => string | null {
  if (rules.length === 0) return () => null;
  const matcher = new KbMatcher(rules);
  return (event) => matcher.classify(event)?.rule.id ?? null;
}

/** Text gathered before it is encoded to UTF-8: large enough to be cheap, small enough to stay young. */
const ENCODE_EVERY_CHARS = 1 << 20;

/**
 * Collects entries and writes them out in files of growing size (small first, for quick first rows).
 * Lines are appended to one string and encoded to UTF-8 about every megabyte: holding each line
 * as its own string and joining them at the end made the garbage collector the worker's main cost.
 */
export class SpoolWriter {
  private text = '';
  private encoded: Buffer[] = [];
  private rows = 0;
  private events = 0;
  private unparsed = 0;
  private classified = 0;
  private bytes = 0;
  private files = 0;

  /** `classify` names the KB rule that matches an event (see shared/kb/matcher.ts), if any. */
  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly classify: (event: ParsedEvent) => string | null = () => null,
  ) {}

  add(items: readonly IngestItem[]): void {
    for (const item of items) {
      const rule = item.kind === 'event' ? this.classify(item.event) : null;
      if (rule !== null) this.classified++;
      const line = spoolLine(item, this.rows++, rule);
      this.text += this.text.length === 0 && this.encoded.length === 0 ? line : `\n${line}`;
      if (item.kind === 'event') this.events++;
      else this.unparsed++;
      if (this.text.length >= ENCODE_EVERY_CHARS) this.encodeText();
    }
  }

  private encodeText(): void {
    if (this.text.length === 0) return;
    const buffer = Buffer.from(this.text, 'utf8');
    this.encoded.push(buffer);
    this.bytes += buffer.length;
    this.text = '';
  }

  /** True when enough has gathered to be worth a file: 2,000 rows for the first, then 50,000 or 32 MB. */
  get full(): boolean {
    return this.files === 0 ? this.rows >= 2000 : this.rows >= 50_000 || this.bytes + this.text.length >= 32 * 1024 * 1024;
  }

  get empty(): boolean {
    return this.rows === 0;
  }

  async flush(): Promise<SpooledBatch | undefined> {
    if (this.rows === 0) return undefined;
    this.encodeText();
    const path = join(this.dir, `${this.prefix}-${this.files++}.tsv`);
    const parts = this.encoded;
    const batch = { path, count: this.rows, events: this.events, unparsed: this.unparsed, classified: this.classified, bytes: this.bytes };
    this.encoded = [];
    this.rows = 0;
    this.events = 0;
    this.unparsed = 0;
    this.classified = 0;
    this.bytes = 0;
    await writeFile(path, parts);
    return batch;
  }
}
