/**
 * One value of a facet: its text, count and a thin bar for its share of the shown entries. Click
 * keeps only entries with this value; Alt-click or the "−" button (for trackpads and touch, where
 * Alt-click is awkward or taken by the window manager) leaves them out. The value is log content,
 * so it is rendered as text only.
 */
import type { MouseEvent } from 'react';
import { formatCount } from '../../format';
import { formatShare, type FacetRow } from './facet-rows';

export interface FacetValueRowProps {
  row: FacetRow;
  /** `facet-value` in the field sections, `noisy-source` in the top noisy sources. */
  testId: string;
  /** Write the share instead of the count (the noisy sources are about shares; the count is in the title). */
  showShare?: boolean;
  onChoose(row: FacetRow, exclude: boolean): void;
}

export function FacetValueRow({ row, testId, showShare = false, onChoose }: FacetValueRowProps) {
  const share = formatShare(row.share);
  const choose = (event: MouseEvent) => onChoose(row, event.altKey);
  return (
    <li className="facet-value" data-testid={testId} data-field={row.field} data-value={row.value === null ? '' : String(row.value)}>
      <button
        type="button"
        className={`facet-value-choose${row.value === null ? ' none' : ''}`}
        title={`${row.text}\n${formatCount(row.count)} entries, ${share} of shown\nClick: only these · Alt-click: leave them out`}
        onClick={choose}
      >
        <span className="facet-value-text">{row.text}</span>
        {showShare ? <span className="facet-value-share">{share}</span> : <span className="facet-value-count">{formatCount(row.count)}</span>}
        <span className="facet-value-bar" aria-hidden="true">
          <span style={{ width: `${row.share * 100}%` }} />
        </span>
      </button>
      <button
        type="button"
        className="facet-value-exclude"
        title={`Leave out ${row.text}`}
        aria-label={`Leave out ${row.text}`}
        onClick={() => onChoose(row, true)}
      >
        −
      </button>
    </li>
  );
}
