/** "Top noisy sources": the providers with the most entries and their share, first candidates for a KB rule or a "−". */
import { NOISY_SOURCE_COUNT, type FacetRow } from './facet-rows';
import { FacetValueRow } from './facet-value-row';

export interface NoisySourcesProps {
  /** Null before the first answer. */
  rows: FacetRow[] | null;
  /** The counts failed and there are none to show: no placeholder space is held. */
  failed: boolean;
  onChoose(row: FacetRow, exclude: boolean): void;
}

export function NoisySources({ rows, failed, onChoose }: NoisySourcesProps) {
  return (
    <section className="facet-section noisy-sources" data-testid="noisy-sources">
      <h3 className="facet-heading static">Top noisy sources</h3>
      {rows === null && failed ? (
        <p className="facet-note">…</p>
      ) : rows === null ? (
        // Holds the list's height until the first counts arrive, so the sections below do not move.
        <ul className="facet-values placeholder" aria-hidden="true">
          {Array.from({ length: NOISY_SOURCE_COUNT }, (_, i) => (
            <li key={i} className="facet-value" />
          ))}
        </ul>
      ) : rows.length === 0 ? (
        <p className="facet-note">No providers</p>
      ) : (
        <ul className="facet-values" aria-label="Top noisy sources">
          {rows.map((row) => (
            <FacetValueRow key={String(row.value)} row={row} testId="noisy-source" showShare onChoose={onChoose} />
          ))}
        </ul>
      )}
    </section>
  );
}
