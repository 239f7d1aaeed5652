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
  /** Non-blank lines consumed without producing an entry (headers, directives). */
  skipped(lines: number): void;
}

/** Facts about the file a parser may use (never its bytes: those come as text). */
export interface ParseContext {
  fileName: string;
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
