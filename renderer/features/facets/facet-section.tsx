/** One facet field: a collapsible list of its most frequent values, with "N more…" to list more. */
import type { FacetField, FacetResult } from '../../../shared/model/triage';
import { formatCount } from '../../format';
import { DEFAULT_LIST_SIZE, FACET_LABELS, facetRows, nextListSize, type FacetRow } from './facet-rows';
import { FacetValueRow } from './facet-value-row';

export interface FacetSectionProps {
  field: FacetField;
  /** The field's counts; undefined before the first answer. */
  result: FacetResult | undefined;
  /** How many values to list. */
  listSize: number;
  /** Entries the filter shows, for the bars. */
  total: number;
  /** A longer list was asked for and is on its way. */
  loadingMore: boolean;
  collapsed: boolean;
  onToggle(field: FacetField): void;
  onListSize(field: FacetField, size: number): void;
  onChoose(row: FacetRow, exclude: boolean): void;
}

export function FacetSection({ field, result, listSize, total, loadingMore, collapsed, onToggle, onListSize, onChoose }: FacetSectionProps) {
  const { rows, more } = result ? facetRows(result, listSize, total) : { rows: [], more: 0 };
  const next = nextListSize(listSize);
  const label = FACET_LABELS[field];
  return (
    <section className="facet-section" data-testid="facet-section" data-field={field}>
      <h3 className="facet-heading">
        <button type="button" className="facet-toggle" aria-expanded={!collapsed} onClick={() => onToggle(field)}>
          <span className="facet-caret" aria-hidden="true">
            {collapsed ? '▸' : '▾'}
          </span>
          <span className="facet-heading-text">{label}</span>
          {result && (
            <span className="facet-distinct" title={`${formatCount(result.distinct)} different values`}>
              {formatCount(result.distinct)}
            </span>
          )}
        </button>
      </h3>
      {!collapsed && (
        <>
          {result === undefined ? (
            <p className="facet-note">…</p>
          ) : rows.length === 0 ? (
            <p className="facet-note">No values</p>
          ) : (
            <ul className="facet-values" aria-label={label}>
              {rows.map((row) => (
                <FacetValueRow key={`${typeof row.value}:${String(row.value)}`} row={row} testId="facet-value" onChoose={onChoose} />
              ))}
            </ul>
          )}
          {(more > 0 || listSize > DEFAULT_LIST_SIZE) && (
            <div className="facet-list-actions">
              {more > 0 &&
                (next !== null ? (
                  <button type="button" className="link-button" disabled={loadingMore} onClick={() => onListSize(field, next)}>
                    {loadingMore ? 'Loading…' : `${formatCount(more)} more…`}
                  </button>
                ) : (
                  <span className="facet-note">{formatCount(more)} more not listed</span>
                ))}
              {listSize > DEFAULT_LIST_SIZE && (
                <button type="button" className="link-button" onClick={() => onListSize(field, DEFAULT_LIST_SIZE)}>
                  Show fewer
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
