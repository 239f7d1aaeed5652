/**
 * W3C extended log files: IIS, HTTP.sys (HTTPERR), Windows Firewall (pfirewall.log), Exchange
 * message tracking and any other producer of the `#Fields:` format. Directives (`#Software:`,
 * `#Date:`, `#Fields:`…) describe the data lines below them and may be repeated, with different
 * fields, anywhere in the file (IIS starts a new block whenever the service restarts).
 */
import type { FormatPlugin, ParseContext, ParseSink } from './format';
import { isBlankLine, sampleLines, splitLines } from './lines';
import { splitCommaValues, splitSpacedValues } from './w3c-fields';
import { w3cEvent, fieldLookup } from './w3c-entry';
import { applyDirective, emptyHeader, KNOWN_DIRECTIVES, readDirective, type W3cHeader } from './w3c-header';
import { W3cClock } from './w3c-time';

/** A quoted value may hold line breaks in Exchange's CSV, but never this many: past it the quote is broken. */
const MAX_QUOTED_LINES = 32;

/** Lines held while a comma-separated entry's quoted value runs on to the next line. */
interface HeldEntry {
  lines: string[];
  line: number;
}

export const w3cExtended: FormatPlugin = {
  id: 'w3c',
  label: 'W3C extended log',

  detect(sample) {
    return detectW3c(sample);
  },

  async parse(chunks, sink, context) {
    const reader = new W3cReader(sink, context);
    for await (const { text, line } of splitLines(chunks)) reader.push(text, line);
    reader.end();
  },
};

/**
 * Confidence that a sample is W3C extended: the first non-blank line must be a known directive;
 * a `#Fields:` directive in the leading block makes it certain.
 */
function detectW3c(sample: string): number {
  let directives = 0;
  let hasFields = false;
  let dataFollows = false;
  for (const raw of sampleLines(sample, sample.length < 65536)) {
    const text = raw.trim();
    if (text === '') continue;
    if (!text.startsWith('#')) {
      dataFollows = true;
      break;
    }
    const directive = readDirective(text);
    if (!directive || !KNOWN_DIRECTIVES.has(directive.name)) {
      // Other `#` lines (comments, PowerShell's `#TYPE`) do not make a file W3C.
      if (directives === 0) return 0;
      continue;
    }
    directives++;
    if (directive.name === 'fields' && directive.value !== '') hasFields = true;
  }
  if (directives === 0) return 0;
  if (hasFields) return 0.95;
  // Only directives so far (a file cut short, or a sample that ends inside the header).
  if (!dataFollows) return directives >= 2 ? 0.8 : 0.5;
  // Data without a #Fields directive cannot be read as W3C; other formats may do better.
  return 0.3;
}

/** Reads a W3C file line by line, keeping only the current header and at most one held entry. */
class W3cReader {
  private readonly header: W3cHeader = emptyHeader();
  private readonly clock = new W3cClock();
  private held: HeldEntry | undefined;

  constructor(
    private readonly sink: ParseSink,
    private readonly context: ParseContext,
  ) {}

  push(text: string, line: number): void {
    if (this.held) {
      this.continueHeld(text, line);
      return;
    }
    if (isBlankLine(text)) return;
    const trimmed = text.trim();
    if (trimmed.startsWith('#')) {
      applyDirective(this.header, trimmed, line);
      this.sink.skipped(1);
      return;
    }
    this.readEntry([text], line);
  }

  end(): void {
    if (!this.held) return;
    const { lines, line } = this.held;
    this.held = undefined;
    this.sink.unparsed({ raw: lines.join('\n'), line, reason: 'quoted value not closed before the end of the file' });
  }

  /** Adds a line to the held entry, or gives the entry up when a new header block shows it was cut off. */
  private continueHeld(text: string, line: number): void {
    const held = this.held!;
    const directive = text.startsWith('#') ? readDirective(text) : undefined;
    if (directive && KNOWN_DIRECTIVES.has(directive.name)) {
      this.held = undefined;
      this.sink.unparsed({ raw: held.lines.join('\n'), line: held.line, reason: 'quoted value not closed before the next directive' });
      this.push(text, line);
      return;
    }
    held.lines.push(text);
    this.held = undefined;
    this.readEntry(held.lines, held.line);
  }

  private readEntry(lines: string[], line: number): void {
    const raw = lines.join('\n');
    const { fields, fieldsLine, delimiter } = this.header;
    if (!fields) {
      this.sink.unparsed({ raw, line, reason: 'data line before any #Fields directive' });
      return;
    }
    if (fields.length === 0) {
      this.sink.unparsed({ raw, line, reason: `the #Fields directive at line ${fieldsLine} names no fields` });
      return;
    }
    let values: string[];
    if (delimiter === 'comma') {
      const split = splitCommaValues(raw);
      if ('unclosed' in split) {
        if (lines.length < MAX_QUOTED_LINES) {
          this.held = { lines, line };
          return;
        }
        this.sink.unparsed({ raw, line, reason: `quoted value not closed within ${MAX_QUOTED_LINES} lines` });
        return;
      }
      values = split.values;
    } else {
      values = splitSpacedValues(raw);
    }
    if (values.length !== fields.length) {
      this.sink.unparsed({ raw, line, reason: `expected ${fields.length} fields from #Fields at line ${fieldsLine}, found ${values.length}` });
      return;
    }
    const time = this.clock.resolve(fieldLookup(this.header, values), this.header, this.context.options);
    if ('error' in time) {
      this.sink.unparsed({ raw, line, reason: time.error });
      return;
    }
    this.sink.event(w3cEvent(this.header, { values, raw, line, time: time.time }));
  }
}
