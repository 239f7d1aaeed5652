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

/**
 * A filter the user stacked as a chip (from the search box, a facet click or the timeline): a
 * search in the field syntax (shared/search), kept (`exclude` false) or left out.
 */
export interface FilterChip {
  search: string;
  exclude: boolean;
}

/** What the user is looking at: the filter and order of the grid. */
export interface EventQuery {
  /**
   * The search box, in the field syntax (shared/search/search-syntax.ts): words and "phrases" are
   * case-insensitive substrings of what a user reads (message, provider, computer, user, data,
   * raw text…), /regex/ a regular expression, `field:value` / `level>=warning` / `-field:value`
   * field conditions; all terms must hold.
   */
  text?: string;
  /** Stacked filters: every kept chip must match, no left-out chip may. */
  chips?: FilterChip[];
  /** Only bookmarked entries. */
  bookmarkedOnly?: boolean;
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
