import type { EventRow } from './log-event';
import type { Severity } from './severity';

/** Grid columns the engine can sort by. */
export const SORTABLE_COLUMNS = [
  'time',
  'level',
  'provider',
  'eventId',
  'category',
  'computer',
  'user',
  'message',
] as const;

export type SortableColumn = (typeof SORTABLE_COLUMNS)[number];

export interface SortKey {
  column: SortableColumn;
  direction: 'asc' | 'desc';
}

/** What the user is looking at: the filter and order of the grid. */
export interface EventQuery {
  /** Case-insensitive substring searched in message, provider, category, computer, user and raw text. */
  text?: string;
  /** Severities to show; absent means all. */
  levels?: Severity[];
  /** Sources to show; absent means all. */
  sourceIds?: number[];
  /** Sort keys in priority order; absent means time ascending, then file order. */
  sort?: SortKey[];
  /** Include entries the knowledge base hides (they are shown greyed, with the rule's reason). */
  showHidden?: boolean;
  /** Only entries at or after this time (ms since the epoch, UTC). */
  from?: number;
  /** Only entries before this time. */
  to?: number;
}

/** A window of the current view, as the grid pulls it. */
export interface PageRequest {
  query: EventQuery;
  offset: number;
  limit: number;
}

export interface EventPage {
  rows: EventRow[];
  /** Rows matching the query in all. */
  total: number;
}

/** Counts for the status line and the level toggles. */
export interface EventCounts {
  /** Every stored entry, whatever the filter. */
  all: number;
  /** Entries the query shows. */
  shown: number;
  /** Entries matching the query's other filters, per severity (so toggles can show what they would add). */
  byLevel: Partial<Record<Severity, number>>;
  /** Entries hidden by the knowledge base under the query's other filters, and per rule id. */
  hidden: number;
  hiddenByRule: Record<string, number>;
}
