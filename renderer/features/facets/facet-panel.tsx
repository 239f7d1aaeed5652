/**
 * The side panel of facets: what the current filter's entries are made of, per field, most
 * frequent first. A click turns a value into a filter chip (kept, or left out with Alt-click/"−").
 * Counts follow the filter and the data; the previous numbers stay while new ones load.
 */
import { useCallback, useMemo, useState } from 'react';
import type { LogsiftClient } from '../../../shared/api';
import type { EventQuery, FilterChip } from '../../../shared/model/query';
import { FACET_FIELDS, type FacetField, type FacetResult } from '../../../shared/model/triage';
import { facetChipSearch } from '../../../shared/search/search-syntax';
import { useLiveResult } from '../timeline/use-live-result';
import { DEFAULT_LIST_SIZE, facetQuery, noisySources, requestLimit, totalFromSources, type FacetRow } from './facet-rows';
import { FacetSection } from './facet-section';
import { NoisySources } from './noisy-sources';
import './facet-panel.css';

export interface FacetPanelProps {
  client: LogsiftClient;
  query: EventQuery;
  /** The store's version (eventsChanged): a change recounts. */
  dataVersion: number;
  onChip(chip: FilterChip): void;
}

interface FacetCounts {
  facets: FacetResult[];
  /** Entries the filter shows. */
  total: number;
  /** The list size these counts were asked with. */
  limit: number;
}

export function FacetPanel({ client, query, dataVersion, onChip }: FacetPanelProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<FacetField>>(new Set());
  const [listSizes, setListSizes] = useState<Partial<Record<FacetField, number>>>({});
  const counted = useMemo(() => facetQuery(query), [query]);
  const limit = requestLimit(listSizes);
  const { data, error, pending } = useLiveResult<FacetCounts>(
    JSON.stringify([counted, limit]),
    async () => {
      const facets = await client.getFacets(counted, limit);
      const total = totalFromSources(facets) ?? (await client.countEvents(counted)).shown;
      return { facets, total, limit };
    },
    dataVersion,
  );

  const choose = useCallback(
    (row: FacetRow, exclude: boolean) => onChip({ search: facetChipSearch(row.field, row.value, row.label), exclude }),
    [onChip],
  );
  const toggle = useCallback((field: FacetField) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(field)) next.add(field);
      return next;
    });
  }, []);
  const setListSize = useCallback((field: FacetField, size: number) => setListSizes((current) => ({ ...current, [field]: size })), []);

  const byField = new Map(data?.facets.map((result) => [result.field, result]));
  return (
    <aside className={`facet-panel${pending ? ' pending' : ''}`} data-testid="facet-panel" aria-label="Facets" aria-busy={pending}>
      {error && (
        <p className="facet-error" role="alert">
          Facets could not be counted: {error}
        </p>
      )}
      {!error && data?.total === 0 && <p className="facet-note">No entries match this filter.</p>}
      <NoisySources rows={data ? noisySources(data.facets, data.total) : null} failed={error !== null} onChoose={choose} />
      {FACET_FIELDS.map((field) => {
        const listSize = listSizes[field] ?? DEFAULT_LIST_SIZE;
        return (
          <FacetSection
            key={field}
            field={field}
            result={byField.get(field)}
            listSize={listSize}
            total={data?.total ?? 0}
            loadingMore={pending && listSize > (data?.limit ?? 0)}
            collapsed={collapsed.has(field)}
            onToggle={toggle}
            onListSize={setListSize}
            onChoose={choose}
          />
        );
      })}
    </aside>
  );
}
