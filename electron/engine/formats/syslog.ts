/**
 * syslog files: RFC 3164 (with or without `<PRI>`, as syslogd and rsyslog's traditional templates
 * write them), RFC 5424 (rsyslog SyslogProtocol23Format), rsyslog's high-precision FileFormat and
 * ForwardFormat, ChromeOS and macOS variants. A line that does not start like a syslog entry
 * continues the entry above (multi-line messages); lines before the first entry are kept as
 * unparsed rows.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { FormatPlugin } from './format';
import { isBlankLine, sampleLines, splitLines } from './lines';
import { syslogEvent, type SyslogReading } from './syslog-event';
import { parseSyslogLine } from './syslog-line';
import { SyslogYearResolver } from './syslog-year';

/**
 * An entry longer than this is closed and the rest of its lines become unparsed rows, so that a
 * file that only starts like syslog cannot grow one entry without bound.
 */
export const MAX_ENTRY_LINES = 10_000;

/** Blank lines inside a message are kept (they may matter); an absurd run of them is not. */
const MAX_HELD_BLANK_CHARS = 64 * 1024;

/** The detect() sample is at most this long; a shorter one holds the whole file. */
const SAMPLE_CHARS = 65536;

/** The syslog plugin: RFC 3164, RFC 5424 and the rsyslog, ChromeOS and macOS file variants. */
export const syslog: FormatPlugin = {
  id: 'syslog',
  label: 'Syslog',

  detect(sample) {
    const lines = sampleLines(sample, sample.length < SAMPLE_CHARS).filter((line) => line.trim() !== '');
    let entries = 0;
    let distinctive = 0;
    let evidence = 0;
    let firstEntry = -1;
    lines.forEach((line, index) => {
      const parts = parseSyslogLine(line);
      if (!parts) return;
      entries++;
      if (firstEntry < 0) firstEntry = index;
      if (parts.distinctive) distinctive++;
      // A BSD time and a host without a tag is weak evidence (syslog's `host message` lines exist,
      // but so do chat and console logs with a time and a word); an ISO time and a word is none.
      evidence += parts.distinctive ? 1 : parts.shape === 'bsd' && parts.host !== undefined ? 0.5 : 0;
    });
    const quality = entries === 0 ? 0 : evidence / entries;
    if (distinctive === 0 || quality < 0.5) return 0;
    let confidence = 0.75 + 0.2 * quality;
    // Lines before the first entry (a header) are tolerated, a file mostly made of them is not
    // syslog; nor is one where entries are rare among other lines (multi-line messages aside).
    const leading = firstEntry / lines.length;
    if (leading > 0.5) confidence *= 2 * (1 - leading);
    const density = entries / lines.length;
    if (density < 0.25) confidence *= density * 4;
    return Math.round(confidence * 1000) / 1000;
  },

  async parse(chunks, sink, context) {
    const reading: SyslogReading = {
      years: new SyslogYearResolver(context.modifiedTime, context.options.timeZone),
      timeZone: context.options.timeZone,
    };
    let open: ParsedEvent | undefined;
    let openLines = 0;
    let heldBlanks = '';
    let seenEntry = false;

    const close = (): void => {
      if (open) sink.event(open);
      open = undefined;
      heldBlanks = '';
    };

    for await (const { text, line } of splitLines(chunks)) {
      if (isBlankLine(text)) {
        // Kept only if the message goes on after it; a blank line before the next entry is dropped.
        if (open && heldBlanks.length < MAX_HELD_BLANK_CHARS) heldBlanks += `\n${text}`;
        continue;
      }
      const parts = parseSyslogLine(text);
      if (parts) {
        close();
        open = syslogEvent(parts, text, line, reading);
        openLines = 1;
        seenEntry = true;
        continue;
      }
      if (open) {
        const continuation = `${heldBlanks}\n${text}`;
        open.raw += continuation;
        // A first line with nothing after the tag: the message is what follows.
        open.message = open.message === '' ? continuation.replace(/^\n+/, '') : open.message + continuation;
        heldBlanks = '';
        if (++openLines >= MAX_ENTRY_LINES) close();
        continue;
      }
      sink.unparsed({
        raw: text,
        line,
        reason: seenEntry
          ? `continues an entry already ${MAX_ENTRY_LINES} lines long`
          : 'text before the first syslog entry',
      });
    }
    close();
  },
};
