/**
 * Recognises the first line of a syslog entry and splits it into its parts. The shapes:
 *   RFC 3164 / rsyslog traditional   `[<PRI>]Mmm dd HH:MM:SS[.fff] [host] tag[pid]: msg`
 *   rsyslog FileFormat / Forward     `[<PRI>]2015-03-12T15:12:33.123456+01:00 host tag[pid]: msg`
 *   ChromeOS                         `2016-10-25T12:37:23.297265-07:00 INFO tag[pid]: msg`
 *   macOS                            `Mmm dd HH:MM:SS host tag[pid] <Level>: msg`
 *   RFC 5424 / SyslogProtocol23      `<PRI>1 2003-10-11T22:14:15.003Z host app procid msgid [SD] msg`
 */
import { isLevelWord, isSyslogSeverityWord, MAX_PRIORITY } from './syslog-fields';
import { parseRfc5424, type Rfc5424Fields } from './syslog-rfc5424';
import { parseIsoLike } from './timestamps';

/** When the entry happened, as far as its line says. */
export type SyslogStamp =
  /** ISO 8601 / RFC 3339: `time` is UTC when `hasZone`, wall clock otherwise. */
  | { kind: 'iso'; time: number; hasZone: boolean }
  /** BSD `Mmm dd HH:MM:SS`: no year unless a few senders add one; no zone. */
  | { kind: 'bsd'; month: number; day: number; year: number | undefined; timeOfDayMs: number }
  /** RFC 5424 NILVALUE: the sender did not know the time. */
  | { kind: 'none' };

/** The parts of a syslog entry's first line. */
export interface SyslogLine {
  shape: 'rfc5424' | 'iso' | 'bsd';
  priority: number | undefined;
  stamp: SyslogStamp;
  host: string | undefined;
  /** The TAG (RFC 3164) or APP-NAME (RFC 5424). */
  tag: string | undefined;
  pid: string | undefined;
  /** A level word the line carries outside the message (ChromeOS `INFO`, macOS `<Notice>`). */
  levelWord: string | undefined;
  msgId: string | undefined;
  structuredData: Rfc5424Fields['structuredData'];
  message: string;
  /**
   * True when the line has a shape that plain text logs do not: a PRI, an RFC 5424 header, or a
   * `tag:`/`tag[pid]` after the host. Detection trusts these; a bare timestamp and word proves little.
   */
  distinctive: boolean;
}

const PRIORITY = /^<(\d{1,3})>/;
const VERSION = /^([1-9]\d{0,2}) /;
const ISO_STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)(?:\s+|$)/;
const BSD_STAMP = /^(\p{L}{3,5}\.?) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,6}))?(:?)(?:\s+|$)/u;
/** `tag:`, `tag[pid]`, `tag[pid]:`, optionally with macOS's `<Level>` before the colon. */
const TAG = /^([^\s[\]:<>]{1,128})(?:\[([^\]\s]{0,32})\])?(?:\s?<([A-Za-z]{1,16})>)?(:)?(?:\s+|$)/;

/**
 * Month abbreviations as `%b` writes them in English, French and German locales (lnav's samples
 * include a French one), lower-cased.
 */
const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['jan', 'janv.', 'janv', 'jän'],
    ['feb', 'févr.', 'févr', 'fév', 'fev'],
    ['mar', 'mars', 'mär', 'märz'],
    ['apr', 'avr.', 'avr', 'avril'],
    ['may', 'mai'],
    ['jun', 'juin'],
    ['jul', 'juil.', 'juil'],
    ['aug', 'août', 'aout'],
    ['sep', 'sept.', 'sept'],
    ['oct', 'okt'],
    ['nov'],
    ['dec', 'déc.', 'déc', 'dez'],
  ].flatMap((names, index) => names.map((name): [string, number] => [name, index + 1])),
);

/** Splits the first line of a syslog entry; undefined when the line does not start like one. */
export function parseSyslogLine(line: string): SyslogLine | undefined {
  let text = line;
  let priority: number | undefined;
  const pri = PRIORITY.exec(text);
  if (pri) {
    priority = Number(pri[1]);
    if (priority > MAX_PRIORITY) return undefined;
    text = text.slice(pri[0].length);
    const version = VERSION.exec(text);
    if (version) {
      const fields = parseRfc5424(text.slice(version[0].length));
      if (fields) return fromRfc5424(priority, fields);
    }
  }
  const iso = ISO_STAMP.exec(text);
  if (iso) {
    const parsed = parseIsoLike(iso[1]!);
    if (!parsed || parsed.length !== iso[1]!.length) return undefined;
    const stamp: SyslogStamp = { kind: 'iso', time: parsed.time, hasZone: parsed.hasZone };
    return withSource('iso', priority, stamp, text.slice(iso[0].length), false);
  }
  const bsd = BSD_STAMP.exec(text);
  if (!bsd) return undefined;
  const month = MONTHS.get(bsd[1]!.toLowerCase());
  const [hour, minute, second] = [Number(bsd[4]), Number(bsd[5]), Number(bsd[6])];
  const day = Number(bsd[2]);
  if (month === undefined || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = bsd[7] ? Math.floor(Number(`0.${bsd[7]}`) * 1000) : 0;
  const timeOfDayMs = ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
  const stamp: SyslogStamp = { kind: 'bsd', month, day, year: bsd[3] ? Number(bsd[3]) : undefined, timeOfDayMs };
  // `Mar 11 09:39:39: --- last message repeated 5 times ---`: a colon after the time means no host.
  return withSource('bsd', priority, stamp, text.slice(bsd[0].length), bsd[8] === ':');
}

function fromRfc5424(priority: number, fields: Rfc5424Fields): SyslogLine {
  return {
    shape: 'rfc5424',
    priority,
    stamp: fields.stamp ? { kind: 'iso', ...fields.stamp } : { kind: 'none' },
    host: fields.host,
    tag: fields.appName,
    pid: fields.procId,
    levelWord: undefined,
    msgId: fields.msgId,
    structuredData: fields.structuredData,
    message: fields.message,
    distinctive: true,
  };
}

/** Reads `[host] [tag[pid][ <Level>]:] message` after the timestamp. */
function withSource(
  shape: 'iso' | 'bsd',
  priority: number | undefined,
  stamp: SyslogStamp,
  rest: string,
  hostless: boolean,
): SyslogLine {
  const line: SyslogLine = {
    shape,
    priority,
    stamp,
    host: undefined,
    tag: undefined,
    pid: undefined,
    levelWord: undefined,
    msgId: undefined,
    structuredData: undefined,
    message: rest,
    distinctive: priority !== undefined,
  };
  // A message such as `--- last message repeated 2 times ---` in place of host and tag.
  if (hostless || !/^[\p{L}\p{N}]/u.test(rest)) return line;
  const first = /^(\S+)(?:\s+|$)/.exec(rest)!;
  // Hosts hold neither `[` nor a final `:`, so only then can the first word be a tag (cheap test
  // first: this runs for every line of multi-gigabyte files).
  const tagFirst = first[1]!.endsWith(':') || first[1]!.includes('[') || rest.charAt(first[0].length) === '<';
  if (tagFirst && readTag(line, rest)) {
    // `Nov 18 08:30:20 kernel: …` (no host) is syslog; an ISO time then `Word:` is any app's log.
    line.distinctive ||= shape === 'bsd';
    return line;
  }
  const afterFirst = rest.slice(first[0].length);
  if (isLevelWord(first[1]!)) {
    // ChromeOS writes the severity where the host would be.
    line.levelWord = first[1];
  } else {
    line.host = first[1];
  }
  line.message = afterFirst;
  // Application logs write `2024-…T… info worker[3]` too; only a host or syslog's own upper-case
  // severity word before the tag makes the line distinctive.
  const sourceLooksSyslog = line.host !== undefined || isSyslogSeverityWord(first[1]!);
  if (readTag(line, afterFirst) && sourceLooksSyslog) line.distinctive = true;
  return line;
}

/**
 * Takes `tag:`, `tag[pid]` or `tag[pid] <Level>:` off the start of `text` into `line`. A word with
 * neither a pid nor a colon is left in the message: without them a tag cannot be told from the
 * message's first word, and losing a message word is worse than a missing provider.
 */
function readTag(line: SyslogLine, text: string): boolean {
  const tag = TAG.exec(text);
  if (!tag || (tag[2] === undefined && tag[4] === undefined)) return false;
  line.tag = tag[1];
  line.pid = tag[2] || undefined;
  if (tag[3] !== undefined) line.levelWord = tag[3];
  line.message = text.slice(tag[0].length);
  return true;
}
