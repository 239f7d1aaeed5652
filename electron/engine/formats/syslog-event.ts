/** Turns the parts of a syslog line into a Logsift event: time, level, source and named fields. */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { Severity } from '../../../shared/model/severity';
import { severityFromWord } from '../../../shared/model/severity';
import { facilityName, levelOfMessage, levelOfPriority, severityName } from './syslog-fields';
import type { SyslogLine, SyslogStamp } from './syslog-line';
import type { SyslogYearResolver } from './syslog-year';
import { wallClockToUtc } from './timestamps';

/** What turning a line into an event needs to know about the file. */
export interface SyslogReading {
  years: SyslogYearResolver;
  timeZone: string | undefined;
}

/** The event for an entry's first line; continuation lines are appended by the caller. */
export function syslogEvent(parts: SyslogLine, raw: string, line: number, reading: SyslogReading): ParsedEvent {
  return {
    time: timeOf(parts.stamp, reading),
    level: levelOf(parts),
    provider: parts.tag ?? null,
    eventId: null,
    category: parts.priority === undefined ? null : facilityName(parts.priority),
    computer: parts.host ?? null,
    user: null,
    channel: null,
    recordId: null,
    message: parts.message,
    data: fieldsOf(parts),
    raw,
    line,
  };
}

/** ms since epoch UTC; null when the line has no time or names a day its year lacks (29 Feb). */
function timeOf(stamp: SyslogStamp, reading: SyslogReading): number | null {
  if (stamp.kind === 'none') return null;
  if (stamp.kind === 'iso') return stamp.hasZone ? stamp.time : wallClockToUtc(stamp.time, reading.timeZone);
  let wallClock: number | undefined;
  if (stamp.year === undefined) {
    wallClock = reading.years.resolve(stamp.month, stamp.day, stamp.timeOfDayMs);
  } else {
    const time = Date.UTC(stamp.year, stamp.month - 1, stamp.day) + stamp.timeOfDayMs;
    wallClock = new Date(time).getUTCDate() === stamp.day ? time : undefined;
  }
  return wallClock === undefined ? null : wallClockToUtc(wallClock, reading.timeZone);
}

/** The PRI's severity when there is one, else a level word the line or message carries, else information. */
function levelOf(parts: SyslogLine): Severity {
  if (parts.priority !== undefined) return levelOfPriority(parts.priority);
  const stated = parts.levelWord === undefined ? undefined : severityFromWord(parts.levelWord);
  return stated ?? levelOfMessage(parts.message) ?? 'information';
}

/** The fields that have no column of their own; null when the line has none. */
function fieldsOf(parts: SyslogLine): Readonly<Record<string, string>> | null {
  const fields: Record<string, string> = {};
  let any = false;
  if (parts.priority !== undefined) {
    fields.facility = facilityName(parts.priority);
    fields.severity = severityName(parts.priority);
    any = true;
  } else if (parts.levelWord !== undefined) {
    fields.severity = parts.levelWord;
    any = true;
  }
  if (parts.pid !== undefined) {
    fields.pid = parts.pid;
    any = true;
  }
  if (parts.msgId !== undefined) {
    fields.msgid = parts.msgId;
    any = true;
  }
  if (parts.structuredData) {
    fields.structuredData = parts.structuredData.text;
    // Names from the file always contain the dot, so even `[__proto__ x="…"]` cannot become the
    // special `__proto__` key: it lands as the plain key `__proto__.x`.
    for (const [id, name, value] of parts.structuredData.params) fields[`${id}.${name}`] = value;
    any = true;
  }
  return any ? fields : null;
}
