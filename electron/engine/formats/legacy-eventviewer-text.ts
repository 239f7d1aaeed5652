/**
 * Windows NT/2000/XP/2003 Event Viewer "Save Log File As" text exports: comma-separated (.csv) or
 * tab-separated (.txt), in the ANSI code page or Unicode, with the fields Date, Time, Source, Type,
 * Category, Event, User, Computer, Description and usually no header. The description is written
 * as it is, delimiters and line breaks included, so a row ends where the next line starts with a
 * date and a time.
 */
import type { FormatPlugin, ParseContext, ParseSink } from './format';
import {
  isLegacyHeader,
  isTypicalRow,
  legacyDelimiter,
  legacyRowToEvent,
  startsRow,
} from './legacy-eventviewer-text-row';
import { isBlankLine, splitLines } from './lines';
import type { Delimiter } from './windows-csv-records';

/** How many lines one row may gather before it is closed anyway (a damaged file must not grow one row forever). */
const MAX_ROW_LINES = 10_000;

/** How many leading lines detection looks at. */
const DETECT_LINES = 20;

/** Reads the CSV and TXT logs that Event Viewer saved on Windows NT, 2000, XP and 2003. */
export const legacyEventViewerText: FormatPlugin = {
  id: 'legacy-eventviewer-text',
  label: 'Event Viewer export (NT/2003)',

  detect(sample) {
    const all = sample.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    // The sample may end mid-line; keep the last line only when it is the only one.
    const lines = (all.length > 1 ? all.slice(0, -1) : all).filter((line) => !isBlankLine(line)).slice(0, DETECT_LINES);
    const first = lines[0];
    if (first === undefined) return 0;
    const delimiter = legacyDelimiter(first);
    if (isLegacyHeader(first, delimiter)) return 0.95;
    if (!isTypicalRow(first, delimiter)) return 0;
    // More rows of the same shape below make it certain; a lone row is still a strong sign.
    return lines.slice(1).some((line) => isTypicalRow(line, delimiter)) ? 0.93 : 0.9;
  },

  async parse(chunks, sink, context) {
    const rows = new RowAssembler(sink, context);
    for await (const { text, line } of splitLines(chunks)) rows.push(text, line);
    rows.end();
  },
};

/** Gathers each row's lines (the row in progress only) and reports it once the next one starts. */
class RowAssembler {
  private delimiter: Delimiter | undefined;
  private lines: string[] = [];
  private startLine = 0;
  /** The lines gathered are not a row: text before the first row, or after a row grew too long. */
  private orphan = false;
  /** Blank lines seen since the last text line: kept only if the row continues after them. */
  private blanks = 0;

  constructor(
    private readonly sink: ParseSink,
    private readonly context: ParseContext,
  ) {}

  push(text: string, line: number): void {
    if (isBlankLine(text)) {
      if (this.lines.length > 0) this.blanks++;
      return;
    }
    if (this.delimiter === undefined) this.delimiter = legacyDelimiter(text);
    const delimiter = this.delimiter;
    if (startsRow(text, delimiter)) {
      this.flush();
      this.start(text, line, false);
    } else if (isLegacyHeader(text, delimiter)) {
      // The header opens the file, or opens a second export appended to the first.
      this.flush();
      this.sink.skipped(1);
    } else if (this.lines.length === 0) {
      this.start(text, line, true);
    } else {
      for (; this.blanks > 0; this.blanks--) this.lines.push('');
      this.lines.push(text);
      if (this.lines.length >= MAX_ROW_LINES) this.flush();
    }
  }

  end(): void {
    this.flush();
  }

  private start(text: string, line: number, orphan: boolean): void {
    this.lines = [text];
    this.startLine = line;
    this.orphan = orphan;
    this.blanks = 0;
  }

  private flush(): void {
    if (this.lines.length === 0 || this.delimiter === undefined) return;
    const raw = this.lines.join('\n');
    const line = this.startLine;
    this.lines = [];
    this.blanks = 0;
    if (this.orphan) {
      this.sink.unparsed({ raw, line, reason: 'text that does not start with a date and time, and no event above it to continue' });
      return;
    }
    const event = legacyRowToEvent(raw, line, this.delimiter, this.context.options);
    if (typeof event === 'string') this.sink.unparsed({ raw, line, reason: event });
    else this.sink.event(event);
  }
}
