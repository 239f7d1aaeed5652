/**
 * Cuts a stream of lines into JSON values: one per line (NDJSON, the fast path), values spread over
 * several lines (pretty-printed objects such as `journalctl -o json-pretty`), and the elements of a
 * top-level array (`ConvertTo-Json`, `jq .`) without holding more than one element. Lines that are
 * not JSON become unparsed rows; indented lines right after one (a stack trace) join it.
 */
import type { UnparsedRow } from '../../../shared/model/log-event';
import { countNonBlankLines } from '../ingest/line-accounting';
import { isBlankLine } from './lines';
import { NestingScanner, quoteLongIntegers } from './json-lines-scanner';

/** An open value longer than this is given up as unparsed (a brace that never closes). */
const MAX_VALUE_LINES = 50_000;
const MAX_VALUE_CHARS = 32 * 1024 * 1024;
const MAX_REASON_LENGTH = 200;

/** Receives what the grouper finds, in file order. */
export interface JsonGroupSink {
  /** A parsed JSON value (usually an object) with its original text and first line. */
  value(value: unknown, raw: string, line: number): void;
  unparsed(row: UnparsedRow): void;
  skipped(lines: number): void;
}

/** The parser's own words, bounded: they describe hostile text too. */
export function invalidJsonReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `invalid JSON: ${message}`.slice(0, MAX_REASON_LENGTH);
}

export class JsonLineGrouper {
  /** 'array' when the file is one top-level array; decided by its first non-blank line. */
  private mode: 'lines' | 'array' | undefined;
  private scanner: NestingScanner | undefined;
  private open: { lines: string[]; line: number; chars: number } | undefined;
  private textRow: { lines: string[]; line: number; reason: string } | undefined;

  constructor(private readonly sink: JsonGroupSink) {}

  push(text: string, line: number): void {
    if (this.mode === undefined) {
      if (isBlankLine(text)) return;
      this.mode = text.trimStart().startsWith('[') ? 'array' : 'lines';
      if (this.mode === 'array') this.scanner = new NestingScanner(1);
    }
    if (this.mode === 'array') return this.pushArrayLine(text, line);
    if (this.open) {
      // A new entry in column 0 means the open value was cut off (a truncated line), not continued.
      if (!text.startsWith('{')) return this.continueValue(text);
      this.giveUp(`JSON value not closed before line ${line}`);
    }
    if (isBlankLine(text)) return this.flushTextRow();
    const trimmed = text.trim();
    if (!trimmed.startsWith('{')) return this.pushOtherLine(text, line, trimmed);
    this.flushTextRow();
    try {
      this.sink.value(JSON.parse(quoteLongIntegers(trimmed)), text, line);
    } catch (error) {
      const scanner = new NestingScanner(0);
      scanner.scan(text, 0);
      // Still inside braces (and not inside a string, which cannot span lines): pretty-printed JSON.
      if (scanner.isOpen && !scanner.inString) {
        this.scanner = scanner;
        this.open = { lines: [text], line, chars: text.length };
      } else {
        this.sink.unparsed({ raw: text, line, reason: invalidJsonReason(error) });
      }
    }
  }

  /** Reports whatever is still held. `truncated`: the text was cut (a detection sample), so an open value is not an error. */
  end(truncated = false): void {
    this.flushTextRow();
    if (this.open && !truncated) this.giveUp('JSON value not closed at the end of the file');
  }

  private pushArrayLine(text: string, line: number): void {
    if (!this.open) {
      if (isBlankLine(text)) return;
      this.scanner!.beginGroup();
      this.open = { lines: [], line, chars: 0 };
    }
    this.continueValue(text);
  }

  private continueValue(text: string): void {
    const open = this.open!;
    const scanner = this.scanner!;
    scanner.scan(text, open.chars + open.lines.length);
    open.lines.push(text);
    open.chars += text.length;
    if (scanner.inString) return this.giveUp('invalid JSON: line break inside a string');
    if (!scanner.isOpen) return this.finishValue();
    if (open.lines.length > MAX_VALUE_LINES || open.chars > MAX_VALUE_CHARS) {
      this.giveUp(`JSON value not closed within ${open.lines.length} lines`);
    }
  }

  private finishValue(): void {
    const { lines, line } = this.open!;
    const scanner = this.scanner!;
    const raw = lines.join('\n');
    this.open = undefined;
    const values = scanner.values;
    if (this.mode === 'lines') this.scanner = undefined;
    if (values.length === 0 && !scanner.stray) return this.sink.skipped(countNonBlankLines(raw));
    if (values.length > 1) {
      return this.sink.unparsed({ raw, line, reason: `${values.length} JSON values on the same lines: expected one per line or pretty-printed` });
    }
    if (scanner.stray || values.length === 0) {
      const reason = this.mode === 'array' ? 'array element is not a JSON object' : 'text outside the JSON value';
      return this.sink.unparsed({ raw, line, reason });
    }
    const [{ start, end }] = values as [{ start: number; end: number }];
    try {
      this.sink.value(JSON.parse(quoteLongIntegers(raw.slice(start, end))), raw, line);
    } catch (error) {
      this.sink.unparsed({ raw, line, reason: invalidJsonReason(error) });
    }
  }

  /** Reports an open value as unparsed and goes back to reading values. */
  private giveUp(reason: string): void {
    const { lines, line } = this.open!;
    this.open = undefined;
    this.sink.unparsed({ raw: lines.join('\n'), line, reason });
    if (this.mode === 'array') this.scanner!.recover();
    else this.scanner = undefined;
  }

  /** A line that does not start a JSON object: a JSON scalar or array, or text. */
  private pushOtherLine(text: string, line: number, trimmed: string): void {
    if (this.textRow && /^\s/.test(text)) {
      this.textRow.lines.push(text);
      return;
    }
    this.flushTextRow();
    try {
      this.sink.value(JSON.parse(quoteLongIntegers(trimmed)), text, line);
    } catch (error) {
      this.textRow = { lines: [text], line, reason: invalidJsonReason(error) };
    }
  }

  private flushTextRow(): void {
    if (!this.textRow) return;
    const { lines, line, reason } = this.textRow;
    this.textRow = undefined;
    this.sink.unparsed({ raw: lines.join('\n'), line, reason });
  }
}
