/**
 * What the facet panel lists, worked out from the engine's counts: labels, shares, how many more
 * values there are, the list sizes "N more…" steps through, and the top noisy providers. Pure.
 */
import type { EventQuery } from '../../../shared/model/query';
import type { FacetField, FacetResult, FacetValue } from '../../../shared/model/triage';

export const FACET_LABELS: Readonly<Record<FacetField, string>> = {
  source: 'Source',
  provider: 'Provider',
  eventId: 'Event ID',
  computer: 'Computer',
  channel: 'Channel',
  user: 'User',
  kbRule: 'KB rule',
};

/** Values a section lists, and the sizes "N more…" steps through (the contract allows up to 1000). */
export const FACET_LIST_SIZES = [8, 50, 200, 1000] as const;
export const DEFAULT_LIST_SIZE = FACET_LIST_SIZES[0];
export const NOISY_SOURCE_COUNT = 5;

/** The next larger list size, or null when the list is already as long as it gets. */
export function nextListSize(current: number): number | null {
  return FACET_LIST_SIZES.find((size) => size > current) ?? null;
}

/** The limit to ask the engine for: one request serves every section, so the longest list wins. */
export function requestLimit(listSizes: Partial<Record<FacetField, number>>): number {
  return Math.max(DEFAULT_LIST_SIZE, NOISY_SOURCE_COUNT, ...Object.values(listSizes).filter((size): size is number => size !== undefined));
}

/**
 * The query facets count with. The sort order does not change counts, so it is left out and a
 * re-sort of the grid does not recount; the time range is kept, so the facets describe what is
 * selected on the timeline.
 */
export function facetQuery(query: EventQuery): EventQuery {
  const { sort: _sort, ...rest } = query;
  return rest;
}

export interface FacetRow {
  field: FacetField;
  value: FacetValue['value'];
  /** The engine's label, used to build the filter (empty for a missing value). */
  label: string;
  /** What to show: the label, or "(none)" for entries without a value. */
  text: string;
  count: number;
  /** Share of the entries the filter shows, 0–1. */
  share: number;
}

export function displayText(value: FacetValue): string {
  if (value.value === null) return '(none)';
  return value.label !== '' ? value.label : String(value.value);
}

function toRow(field: FacetField, value: FacetValue, total: number): FacetRow {
  return { field, value: value.value, label: value.label, text: displayText(value), count: value.count, share: total > 0 ? Math.min(1, value.count / total) : 0 };
}

/** A section's rows, at most `listSize`, and how many distinct values are not listed. */
export function facetRows(result: FacetResult, listSize: number, total: number): { rows: FacetRow[]; more: number } {
  const rows = result.values.slice(0, listSize).map((value) => toRow(result.field, value, total));
  return { rows, more: Math.max(0, result.distinct - rows.length) };
}

/** The providers with the most entries; a missing provider is not a source of noise. */
export function noisySources(facets: readonly FacetResult[], total: number, count = NOISY_SOURCE_COUNT): FacetRow[] {
  const providers = facets.find((result) => result.field === 'provider');
  if (!providers) return [];
  return providers.values
    .filter((value) => value.value !== null && value.count > 0)
    .slice(0, count)
    .map((value) => toRow('provider', value, total));
}

/**
 * Entries the filter shows, when the facets alone tell: every entry has exactly one source, so the
 * source counts add up to the total as long as no source was cut off. Null otherwise.
 */
export function totalFromSources(facets: readonly FacetResult[]): number | null {
  const sources = facets.find((result) => result.field === 'source');
  if (!sources || sources.distinct > sources.values.length) return null;
  return sources.values.reduce((sum, value) => sum + value.count, 0);
}

/** `42%`, `4.2%`, `<0.1%`. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  if (percent < 10) return `${(Math.round(percent * 10) / 10).toString()}%`;
  return `${Math.round(percent)}%`;
}
