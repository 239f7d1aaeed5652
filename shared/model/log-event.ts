import type { EventKb } from './kb';
import type { LiveState } from './watch';
import type { Severity } from './severity';

/** Identifies one opened source (a file) within a session. */
export type SourceId = number;

/**
 * One entry as a format plugin produces it, before it is stored.
 *
 * Every field a Windows event can carry has a place; formats fill what they have and leave the
 * rest null. `data` holds insertion strings or named fields, kept so that search and the KB can
 * reach what a rendered message would have said.
 */
export interface ParsedEvent {
  /** Milliseconds since the Unix epoch, UTC; null when the entry has no time. */
  time: number | null;
  level: Severity;
  provider: string | null;
  eventId: number | null;
  category: string | null;
  computer: string | null;
  user: string | null;
  channel: string | null;
  recordId: number | null;
  message: string;
  /** Insertion strings (array) or named fields (object); null when the format has none. */
  data: readonly string[] | Readonly<Record<string, string>> | null;
  /** The text the entry came from, for the detail view ('' when the format renders it on demand). */
  raw: string;
  /** Text formats: 1-based line where the entry starts. Binary formats: the record's byte offset. */
  line: number;
}

/** Text that no parser could turn into an event: kept, shown, searchable and counted. */
export interface UnparsedRow {
  raw: string;
  line: number;
  reason: string;
}

/** A row as the grid shows it: the columns, nothing heavy. */
export interface EventRow {
  id: number;
  sourceId: SourceId;
  time: number | null;
  level: Severity;
  provider: string | null;
  eventId: number | null;
  category: string | null;
  computer: string | null;
  user: string | null;
  message: string;
  unparsed: boolean;
  /** What the knowledge base decided about the entry; null when no rule matched. */
  kb: EventKb | null;
  /** The bookmark's comment ('' for a plain bookmark); null when the entry is not bookmarked. */
  bookmark: string | null;
}

/** Everything known about one stored entry, for the detail view. */
export interface EventDetail extends EventRow {
  channel: string | null;
  recordId: number | null;
  data: ParsedEvent['data'];
  raw: string;
  line: number;
  file: string;
  format: string;
  /** Why the entry could not be parsed, for unparsed rows. */
  unparsedReason: string | null;
}

/** Where a source is in its life. */
export type SourceStatus = 'loading' | 'ready' | 'error';

/** One opened file, as the UI and `--stats` describe it. */
export interface SourceInfo {
  id: SourceId;
  path: string;
  name: string;
  /** Format plugin id ('eventviewer-csv', 'text', …), or null until detected. */
  format: string | null;
  formatLabel: string | null;
  encoding: string | null;
  status: SourceStatus;
  bytesRead: number;
  bytesTotal: number;
  events: number;
  unparsed: number;
  /** Problems reported for this file, each naming the place and the reason. */
  errors: string[];
  /** Invalid byte sequences replaced while decoding. */
  replacedBytes: number;
  /** Non-blank text lines read; 0 for binary formats. */
  lines: number;
  /** Non-blank lines in no entry, unparsed row or header: should always be 0. */
  lostLines: number;
  /** Binary formats: bytes in damaged regions that were skipped or only partly recovered. */
  damagedBytes: number;
  /** Binary formats: what was damaged, where and why ("offset 0x31000: chunk 3 bad signature"). */
  damage: string[];
  /** How sure detection was of the format (1 when the user chose it). */
  confidence: number | null;
  /** What the user stated about this file: forced format, time zone, date order. */
  readOptions: { format?: string; timeZone?: string; dayFirst?: boolean };
  /** For a file followed in a watched folder: how following it goes; null for opened files. */
  live: LiveState | null;
  /**
   * Added to every time of this source (ms), for exports from a machine whose clock was off or
   * whose zone was not stated: set with setSourceClockOffset.
   */
  clockOffsetMs: number;
}
