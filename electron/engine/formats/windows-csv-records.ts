/**
 * Delimited text as Windows tools write it (PowerShell Export-Csv, Event Viewer "Save Log File As"):
 * one record per line unless a quoted field holds line breaks. The plugins need each record's own
 * lines (for `raw` and line accounting), not only its values, so records are assembled here line by
 * line instead of by a general CSV parser that would hide where a record started and ended.
 */
import { isBlankLine } from './lines';

/** The separators Windows exports use: comma, semicolon (`Export-Csv -UseCulture`) and tab. */
export type Delimiter = ',' | ';' | '\t';

/** One record, assembled from one or more physical lines. */
export interface DelimitedRecord {
  fields: string[];
  /** The record's lines joined with '\n' (the file's own line ends are not kept). */
  raw: string;
  /** 1-based line where the record starts. */
  line: number;
  /** False when a quoted field was still open at the end of the input or at the size limit. */
  complete: boolean;
}

/** How large an unterminated quoted field may grow before it is given up as damaged. */
export interface RecordLimits {
  maxLines: number;
  maxChars: number;
}

/** A Windows event message is at most 32K characters; these limits leave ample room above that. */
export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxLines: 10_000, maxChars: 4_000_000 };

const QUOTE = 0x22;

/**
 * Splits delimited text into fields, one physical line at a time. Quotes follow RFC 4180 (a field
 * that starts with `"` runs to the matching `"`, `""` is a literal quote) but are forgiven when
 * misplaced: a quote inside an unquoted field, or text after a closing quote, is kept as text.
 */
export class FieldScanner {
  private fields: string[] = [];
  private current = '';
  private inQuotes = false;
  private atFieldStart = true;

  constructor(private readonly delimiter: Delimiter) {}

  /** Scans one line; true when the record is complete (no quoted field left open). */
  scan(text: string, continuation: boolean): boolean {
    // A line break inside a quoted field is part of the value.
    if (continuation && this.inQuotes) this.current += '\n';
    // Runs between quotes and delimiters are copied with slice: per-character concatenation is
    // several times slower on large exports.
    let i = 0;
    while (i < text.length) {
      if (this.inQuotes) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          this.current += text.slice(i);
          break;
        }
        this.current += text.slice(i, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          this.current += '"';
          i = quote + 2;
        } else {
          this.inQuotes = false;
          i = quote + 1;
        }
      } else if (this.atFieldStart && text.charCodeAt(i) === QUOTE) {
        this.inQuotes = true;
        this.atFieldStart = false;
        i++;
      } else {
        // Unquoted text (or text after a closing quote) runs to the next delimiter, quotes and all.
        const next = text.indexOf(this.delimiter, i);
        const end = next < 0 ? text.length : next;
        this.current += text.slice(i, end);
        if (next < 0) {
          this.atFieldStart = this.atFieldStart && end === i;
          break;
        }
        this.fields.push(this.current);
        this.current = '';
        this.atFieldStart = true;
        i = next + 1;
      }
    }
    return !this.inQuotes;
  }

  /** The fields scanned so far (the last one included), and a fresh start. */
  take(): string[] {
    const fields = [...this.fields, this.current];
    this.fields = [];
    this.current = '';
    this.inQuotes = false;
    this.atFieldStart = true;
    return fields;
  }
}

/** Splits a single line into fields (an unclosed quote runs to the end of the line). */
export function splitDelimitedLine(text: string, delimiter: Delimiter): string[] {
  const scanner = new FieldScanner(delimiter);
  scanner.scan(text, false);
  return scanner.take();
}

/** Assembles records from physical lines, holding only the record in progress. */
export class DelimitedRecordReader {
  private readonly scanner: FieldScanner;
  private lines: string[] = [];
  private chars = 0;
  private startLine = 0;

  constructor(
    delimiter: Delimiter,
    private readonly limits: RecordLimits = DEFAULT_RECORD_LIMITS,
  ) {
    this.scanner = new FieldScanner(delimiter);
  }

  /** Feeds one line; returns the record it completes, if any. Blank lines between records are dropped. */
  push(text: string, line: number): DelimitedRecord | undefined {
    const open = this.lines.length > 0;
    if (!open && isBlankLine(text)) return undefined;
    if (!open) this.startLine = line;
    this.lines.push(text);
    this.chars += text.length + 1;
    if (this.scanner.scan(text, open)) return this.finish(true);
    if (this.lines.length >= this.limits.maxLines || this.chars >= this.limits.maxChars) return this.finish(false);
    return undefined;
  }

  /** The record left open at the end of the input (a quoted field never closed), if any. */
  end(): DelimitedRecord | undefined {
    return this.lines.length > 0 ? this.finish(false) : undefined;
  }

  private finish(complete: boolean): DelimitedRecord {
    const record = { fields: this.scanner.take(), raw: this.lines.join('\n'), line: this.startLine, complete };
    this.lines = [];
    this.chars = 0;
    return record;
  }
}
