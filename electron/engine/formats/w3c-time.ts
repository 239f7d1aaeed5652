/**
 * Entry times of W3C extended logs. The W3C draft defines `date`/`time` as UTC, and IIS, HTTP.sys
 * and Exchange keep to it; the exceptions carry their own sign: `date-local`/`time-local` (IIS
 * Advanced Logging), Windows Firewall (`#Time Format: Local`) and Oracle Web Cache (`#GMT-Offset`).
 */
import type { ParseOptions } from './format';
import { parseIsoLike, wallClockToUtc } from './timestamps';
import type { W3cHeader } from './w3c-header';

const DAY_MS = 86_400_000;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** A value of the entry by lower-cased field name; undefined when the block has no such field. */
export type FieldLookup = (name: string) => string | undefined;

/** The entry's time (null when the block has none), or why its time could not be read. */
export type TimeResult = { time: number | null } | { error: string };

/**
 * Resolves entry times for one file. Keeps the state that time-only entries need: their day comes
 * from `#Date:`, and a time that runs backwards by more than half a day means midnight passed.
 */
export class W3cClock {
  private day: number | null = null;
  private extraDays = 0;
  private lastTimeOfDay = -1;

  /** The time of the entry whose values `get` reads. */
  resolve(get: FieldLookup, header: W3cHeader, options: ParseOptions): TimeResult {
    const dateTime = get('date-time');
    if (dateTime !== undefined) return this.fromDateTime(dateTime, false, header, options);
    const localTime = get('time-local');
    const local = localTime !== undefined;
    const date = local ? get('date-local') : get('date');
    const time = local ? localTime : get('time');
    if (time === undefined) return { time: null };
    if (date !== undefined) return this.fromDateTime(`${date} ${time}`, local, header, options);
    return this.fromTimeOfDay(time, local, header, options);
  }

  private fromDateTime(text: string, local: boolean, header: W3cHeader, options: ParseOptions): TimeResult {
    const trimmed = text.trim();
    const parsed = parseIsoLike(trimmed);
    if (!parsed || parsed.length !== trimmed.length) return { error: `unreadable date and time "${trimmed}"` };
    return { time: parsed.hasZone ? parsed.time : toUtc(parsed.time, local, header, options) };
  }

  private fromTimeOfDay(text: string, local: boolean, header: W3cHeader, options: ParseOptions): TimeResult {
    const match = TIME_OF_DAY.exec(text.trim());
    if (!match) return { error: `unreadable time "${text}"` };
    const [, hours, minutes, seconds, fraction] = match;
    if (+hours! > 23 || +minutes! > 59 || +seconds! > 60) return { error: `unreadable time "${text}"` };
    // Without a #Date the day is unknown: keep the entry, untimed, rather than invent a day.
    if (header.day === null) return { time: null };
    const timeOfDay =
      ((+hours! * 60 + +minutes!) * 60 + +seconds!) * 1000 + (fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0);
    if (header.day !== this.day) {
      this.day = header.day;
      this.extraDays = 0;
      this.lastTimeOfDay = -1;
    }
    if (this.lastTimeOfDay >= 0 && timeOfDay < this.lastTimeOfDay - DAY_MS / 2) this.extraDays++;
    this.lastTimeOfDay = timeOfDay;
    return { time: toUtc(header.day + this.extraDays * DAY_MS + timeOfDay, local, header, options) };
  }
}

/** Converts a zone-less time to UTC according to what the header says about its zone. */
function toUtc(wallClock: number, local: boolean, header: W3cHeader, options: ParseOptions): number {
  const firewallLocal = header.kind === 'firewall' && header.timeFormat !== 'utc';
  if (local || firewallLocal || header.timeFormat === 'local') return wallClockToUtc(wallClock, options.timeZone);
  if (header.gmtOffset) return wallClockToUtc(wallClock, header.gmtOffset);
  return wallClock;
}
