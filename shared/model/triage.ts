/**
 * The triage views' contract: facets, the timeline histogram, bookmarks and sessions. Shared by the
 * engine that answers and the renderer that asks (see shared/api.ts for the methods).
 */
import type { EventQuery } from './query';
import type { Severity } from './severity';

/** Fields the facet panel counts, in the order it shows them. */
export const FACET_FIELDS = ['source', 'provider', 'eventId', 'computer', 'channel', 'user', 'kbRule'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** The search-syntax field name a facet value is filtered by (`provider:"MSExchangeMTA"`). */
export const FACET_SEARCH_FIELD: Readonly<Record<FacetField, string>> = {
  source: 'source',
  provider: 'provider',
  eventId: 'id',
  computer: 'computer',
  channel: 'channel',
  user: 'user',
  kbRule: 'kb',
};

export interface FacetValue {
  /** The stored value; null for entries without one (shown as "(none)"). For `source`, the source id. */
  value: string | number | null;
  /** What to show: the value as text, or the file name for a source. */
  label: string;
  count: number;
}

export interface FacetResult {
  field: FacetField;
  /** The most frequent values first, at most the limit asked for. */
  values: FacetValue[];
  /** How many distinct values there are in all (more than `values.length` when cut off). */
  distinct: number;
}

/** Entries over time for the timeline, for the current filter. */
export interface Histogram {
  /** Start of the first bucket and end of the last (ms since the epoch, UTC); both 0 when nothing has a time. */
  from: number;
  to: number;
  bucketMs: number;
  /** Start time of each bucket. */
  starts: number[];
  /** Shown entries per bucket, per severity (every severity present, zeros included). */
  bySeverity: Record<Severity, number[]>;
  /** Entries the knowledge base hides, per bucket (counted even when they are not shown). */
  hidden: number[];
  /** Entries the filter shows that have no time (not in any bucket). */
  untimed: number;
}

/** A marked entry: which file and where, and what the user wrote about it. */
export interface Bookmark {
  /** The row in this session. */
  eventId: number;
  sourceId: number;
  /** The entry's position in its file (EventDetail.line): what the sidecar file records. */
  line: number;
  /** The user's comment; empty for a plain bookmark. */
  comment: string;
}

/** What the renderer keeps of its own state in a session (the engine adds the files). */
export interface SessionView {
  query: EventQuery;
  /** Grid column ids the user hid, and the order/widths of the shown ones. */
  hiddenColumns: string[];
  columnOrder?: string[];
  columnWidths?: Record<string, number>;
  /** Paths of sources the user hid from the merged grid (per-source show/hide). */
  hiddenSourcePaths?: string[];
}

/** A saved session: the files and folders it had open and the view over them. */
export interface SessionSummary {
  id: string;
  savedAt: number;
  /** Opened files (not files followed in watched folders). */
  files: string[];
  /** Watched folders. */
  folders: string[];
}

export interface Session extends SessionSummary {
  view: SessionView;
}
