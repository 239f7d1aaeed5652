/**
 * The format-plugin interface: every log shape Logsift opens is one plugin that can say how sure it
 * is that a file is its format (detect) and turn the file's decoded text into events (parse).
 */
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';

/**
 * Receives what a parser makes of the text, in file order.
 *
 * Accounting: every non-blank line of the file must end up in the `raw` text of an event or an
 * unparsed row, or be reported through `skipped` (header rows, W3C directives: lines that describe
 * the file rather than hold an entry). The pipeline checks the sum.
 */
export interface ParseSink {
  event(event: ParsedEvent): void;
  unparsed(row: UnparsedRow): void;
  /**
   * Non-blank lines consumed without producing an entry (headers, directives). Negative when
   * several entries share one line (wevtutil writes many XML events on a single line): each raw
   * counts that line once, so the surplus is taken back here to keep the sum exact.
   */
  skipped(lines: number): void;
}

/** What the user can state about a file that the file itself cannot tell. */
export interface ParseOptions {
  /**
   * The zone the file's zone-less times were written in ('UTC', '+01:00', 'Europe/Berlin').
   * Absent: times are kept as written (shown as if UTC). Apply with `wallClockToUtc`.
   */
  timeZone?: string;
  /** Dates like 09/12/2025 are day-first (set when the exporting locale was not US English). */
  dayFirst?: boolean;
}

/** Facts about the file a parser may use (never its bytes: those come as text). */
export interface ParseContext {
  fileName: string;
  /** The file's modification time (ms since epoch): the reference for logs that omit the year. */
  modifiedTime: number;
  options: ParseOptions;
  /**
   * Reads a small file that belongs with this one — only beside it or in its `LocaleMetaData`
   * folder, as Event Viewer saves them (`LocaleMetaData/<name>_1033.MTA`). Undefined when absent.
   */
  readCompanion?(relativeName: string): Promise<Uint8Array | undefined>;
}

export interface FormatPlugin {
  /** Stable identifier shown in `--stats` and used to force a format. */
  readonly id: string;
  /** What a user would call it. */
  readonly label: string;
  /**
   * How sure the plugin is (0 = not this format, 1 = certain) that a file starting with `sample`
   * (its first decoded kilobytes, possibly cut mid-line) is in this format.
   */
  detect(sample: string, context: ParseContext): number;
  /** Parses the whole decoded text, chunk by chunk, reporting every entry to the sink. */
  parse(chunks: AsyncIterable<string>, sink: ParseSink, context: ParseContext): Promise<void>;
}
