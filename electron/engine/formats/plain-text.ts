/**
 * Plain text logs: an entry starts with a timestamp, and lines without one (stack traces, wrapped
 * messages) continue the entry above. A level word near the start sets the severity. Text without
 * timestamps at all becomes one untimed entry per line.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import { severityFromWord } from '../../../shared/model/severity';
import type { FormatPlugin } from './format';
import { isBlankLine, sampleLines, splitLines } from './lines';
import { parseIsoLike, parseLocaleDateTime, wallClockToUtc } from './timestamps';

/** How many leading lines without a timestamp make a file "untimed text". */
const UNTIMED_AFTER_LINES = 1000;

const LEVEL_WORD =
  /\b(FATAL|CRITICAL|CRIT|ERROR|ERR|WARNING|WARN|INFO|NOTICE|DEBUG|TRACE|VERBOSE|Fatal|Critical|Error|Warning|Warn|Info|Information|Notice|Debug|Trace|Verbose)\b/;

const SLASHED_PREFIX = /^(\d{1,2}\/\d{1,2}\/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)/;

/** Reads a timestamp at the start of a line (optionally in brackets); returns it and the rest. */
export function leadingTimestamp(line: string, timeZone?: string, dayFirst?: boolean): { time: number; rest: string } | undefined {
  const bracketed = line.startsWith('[');
  const text = bracketed ? line.slice(1) : line;
  const normalised = /^\d{4}\/\d{2}\/\d{2}/.test(text) ? text.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3') : text;
  const iso = parseIsoLike(normalised);
  let time: number | undefined;
  let length = 0;
  if (iso) {
    time = iso.hasZone ? iso.time : wallClockToUtc(iso.time, timeZone);
    length = iso.length;
  } else {
    const slashed = SLASHED_PREFIX.exec(text);
    const wallClock = slashed ? parseLocaleDateTime(slashed[1]!, dayFirst) : undefined;
    if (slashed && wallClock !== undefined) {
      time = wallClockToUtc(wallClock, timeZone);
      length = slashed[1]!.length;
    }
  }
  if (time === undefined) return undefined;
  let rest = text.slice(length);
  if (bracketed) rest = rest.replace(/^[^\]]*\]/, '');
  return { time, rest: rest.replace(/^[\s:|-]+/, '') };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Common Log Format, as web servers and proxies write it: [10/Oct/2000:13:55:36 -0700]. */
const CLF_TIME = /\[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*([+-]\d{4})?\]/;
const EMBEDDED_ISO = /(?:^|[\s|[(])(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})/;
/** Terminal colour codes some tools write into their logs. */
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * Finds an entry's timestamp a little way into the line (access logs put the client first,
 * `docker compose` the service name); the whole line stays the message, as its prefix matters.
 */
export function embeddedTimestamp(line: string, timeZone?: string): number | undefined {
  const head = line.slice(0, 160).replace(ANSI_ESCAPE, '');
  const clf = CLF_TIME.exec(head);
  if (clf) {
    const [, day, monthName, year, hour, minute, second, fraction, zone] = clf;
    const month = MONTHS.indexOf(monthName!.toLowerCase());
    if (month >= 0) {
      const iso = `${year}-${String(month + 1).padStart(2, '0')}-${day}T${hour}:${minute}:${second}${fraction ? `.${fraction}` : ''}${zone ? `${zone.slice(0, 3)}:${zone.slice(3)}` : ''}`;
      const parsed = parseIsoLike(iso);
      if (parsed) return parsed.hasZone ? parsed.time : wallClockToUtc(parsed.time, timeZone);
    }
  }
  const iso = EMBEDDED_ISO.exec(head.slice(0, 64));
  if (iso) {
    const parsed = parseIsoLike(head.slice(iso.index + iso[0].length - iso[1]!.length));
    if (parsed) return parsed.hasZone ? parsed.time : wallClockToUtc(parsed.time, timeZone);
  }
  return undefined;
}

/** A timestamp at the start of the line, or failing that a little way into it. */
function entryTimestamp(line: string, timeZone?: string, dayFirst?: boolean): { time: number; rest: string } | undefined {
  const leading = leadingTimestamp(line, timeZone, dayFirst);
  if (leading) return leading;
  const embedded = embeddedTimestamp(line, timeZone);
  return embedded === undefined ? undefined : { time: embedded, rest: line };
}

function isTextLike(sample: string): boolean {
  if (sample.length === 0) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // NUL counts like any other control character: one NUL in a log line (written by a hostile or
    // broken program) must not make the whole file unreadable; binary data has far more than 1 %.
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27 && c !== 12) control++;
  }
  return control / sample.length < 0.01;
}

export const plainText: FormatPlugin = {
  id: 'text',
  label: 'Plain text log',

  detect(sample) {
    if (!isTextLike(sample)) return 0;
    const lines = sampleLines(sample, sample.length < 65536).filter((line) => line.trim() !== '');
    if (lines.length === 0) return 0.1;
    const timestamped = lines.filter((line) => entryTimestamp(line) !== undefined).length;
    return 0.1 + 0.6 * (timestamped / lines.length);
  },

  async parse(chunks, sink, context) {
    const { timeZone, dayFirst } = context.options;
    let open: ParsedEvent | undefined;
    let held: { text: string; line: number }[] = [];
    let timed: boolean | undefined;

    const close = (): void => {
      if (open) sink.event(open);
      open = undefined;
    };
    const untimed = (text: string, line: number): ParsedEvent => ({
      ...entry(null, text, line),
      level: levelOf(text),
    });

    for await (const { text, line } of splitLines(chunks)) {
      const stamp = entryTimestamp(text, timeZone, dayFirst);
      if (stamp) {
        if (timed === undefined) {
          timed = true;
          for (const early of held) {
            if (isBlankLine(early.text)) continue;
            sink.unparsed({ raw: early.text, line: early.line, reason: 'line before the first timestamped entry' });
          }
          held = [];
        }
        close();
        open = { ...entry(stamp.time, stamp.rest, line), raw: text, level: levelOf(stamp.rest) };
        continue;
      }
      if (timed === true) {
        if (open) {
          open.message += `\n${text}`;
          open.raw += `\n${text}`;
        }
        continue;
      }
      if (timed === false) {
        // Untimed text: every line is an entry of its own, a timestamped one included, which must
        // be handed on before this line to keep file order (found by fuzzing).
        close();
        if (!isBlankLine(text)) sink.event(untimed(text, line));
        continue;
      }
      held.push({ text, line });
      if (held.length > UNTIMED_AFTER_LINES) {
        timed = false;
        for (const early of held) if (!isBlankLine(early.text)) sink.event(untimed(early.text, early.line));
        held = [];
      }
    }
    close();
    // A file that never showed a timestamp is untimed text: every line is an entry.
    for (const early of held) if (!isBlankLine(early.text)) sink.event(untimed(early.text, early.line));
  },
};

function entry(time: number | null, message: string, line: number): ParsedEvent {
  return {
    time,
    level: 'unknown',
    provider: null,
    eventId: null,
    category: null,
    computer: null,
    user: null,
    channel: null,
    recordId: null,
    message,
    data: null,
    raw: message,
    line,
  };
}

function levelOf(text: string): ParsedEvent['level'] {
  const match = LEVEL_WORD.exec(text.slice(0, 80));
  return (match && severityFromWord(match[1]!)) || 'unknown';
}
