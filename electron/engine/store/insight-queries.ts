/**
 * Facet counts and the timeline histogram for a query (the triage views), answered from the store
 * on the reader connection, cached per store version and query.
 */
import type { EventQuery } from '../../../shared/model/query';
import type { FacetResult, Histogram } from '../../../shared/model/triage';
import type { EventStore } from './event-store';

export class InsightQueries {
  constructor(
    private readonly store: EventStore,
    /** A source's file name, for the source facet's labels. */
    private readonly sourceName: (sourceId: number) => string,
  ) {}

  async facets(query: EventQuery, limit: number): Promise<FacetResult[]> {
    void this.store;
    void this.sourceName;
    void query;
    void limit;
    throw new Error('Facets are not built yet.');
  }

  async histogram(query: EventQuery, buckets: number): Promise<Histogram> {
    void query;
    void buckets;
    throw new Error('The timeline is not built yet.');
  }
}
