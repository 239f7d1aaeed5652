/**
 * One value of a facet: its text, count and a thin bar for its share of the shown entries. Click
 * keeps only entries with this value; Alt-click or the "−" button (for trackpads and touch, where
 * Alt-click is awkward or taken by the window manager) leaves them out. The value is log content,
 * so it is rendered as text only.
 */
import type { MouseEvent } from 'react';
import { clipWithNote } from '../../../shared/text/clip-text';
import { visibleText } from '../../../shared/text/visible-text';
import { formatCount } from '../../format';
import { VisibleText } from '../text/visible-text';
import { formatShare, type FacetRow } from './facet-rows';

/** Characters of a value shown (the list cuts it to one line anyway). */
const FACET_TEXT_LIMIT = 500;

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
  // A value can be as long as a log line: only so much of it is laid out. Tooltips are plain
  // strings, with hidden characters as unstyled markers.
  const text = clipWithNote(row.text, FACET_TEXT_LIMIT);
  const shown = visibleText(text);
  const choose = (event: MouseEvent) => onChoose(row, event.altKey);
  return (
    <li className="facet-value" data-testid={testId} data-field={row.field} data-value={row.value === null ? '' : String(row.value)}>
      <button
        type="button"
        className={`facet-value-choose${row.value === null ? ' none' : ''}`}
        title={`${shown}\n${formatCount(row.count)} entries, ${share} of shown\nClick: only these · Alt-click: leave them out`}
        onClick={choose}
      >
        <span className="facet-value-text">
          <VisibleText text={text} />
        </span>
        {showShare ? <span className="facet-value-share">{share}</span> : <span className="facet-value-count">{formatCount(row.count)}</span>}
        <span className="facet-value-bar" aria-hidden="true">
          <span style={{ width: `${row.share * 100}%` }} />
        </span>
      </button>
      <button
        type="button"
        className="facet-value-exclude"
        title={`Leave out ${shown}`}
        aria-label={`Leave out ${shown}`}
        onClick={() => onChoose(row, true)}
      >
        −
      </button>
    </li>
  );
}
