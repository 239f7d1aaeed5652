/**
 * Facet counts and the timeline histogram for a query (the triage views), answered from the store
 * on the reader connection, cached per store version and query.
 */
import type { EventQuery } from '../../../shared/model/query';
import type { FacetResult, Histogram } from '../../../shared/model/triage';
import type { EventStore } from './event-store';
import { queryFacets } from './facet-query';
import { queryHistogram } from './histogram-query';
import { ResultCache } from './result-cache';

/**
 * Answers kept per kind. The renderer asks again for the same view whenever it re-renders or a
 * panel opens; any write to the store changes its version and so every key.
 */
const CACHED_ANSWERS = 16;

export class InsightQueries {
  private readonly facetCache = new ResultCache<FacetResult[]>(CACHED_ANSWERS);
  private readonly histogramCache = new ResultCache<Histogram>(CACHED_ANSWERS);

  constructor(
    private readonly store: EventStore,
    /** A source's file name, for the source facet's labels. */
    private readonly sourceName: (sourceId: number) => string,
  ) {}

  /** One result per facet field, in FACET_FIELDS order. Callers must not change what they get (it is shared with later askers). */
  facets(query: EventQuery, limit: number): Promise<FacetResult[]> {
    return this.facetCache.get(this.key(query, limit), () => queryFacets(this.store, query, limit, this.sourceName));
  }

  /** Entries over time, in at most `buckets` buckets. Callers must not change what they get. */
  histogram(query: EventQuery, buckets: number): Promise<Histogram> {
    return this.histogramCache.get(this.key(query, buckets), () => queryHistogram(this.store, query, buckets));
  }

  private key(query: EventQuery, size: number): string {
    // The grid's order changes neither answer.
    const { sort: _sort, ...filter } = query;
    return `${this.store.version}\n${size}\n${JSON.stringify(filter)}`;
  }
}
