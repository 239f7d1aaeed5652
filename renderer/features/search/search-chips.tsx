/** The stacked filter chips: click one to switch keep/leave out, ✕ to remove it. */
import { useMemo } from 'react';
import type { FilterChip } from '../../../shared/model/query';
import { parseSearch } from '../../../shared/search/search-syntax';
import { visibleText } from '../../../shared/text/visible-text';
import { chipLabel } from './chips';
import { VisibleText } from '../text/visible-text';

export interface SearchChipsProps {
  chips: readonly FilterChip[];
  onToggle(index: number): void;
  onRemove(index: number): void;
}

export function SearchChips({ chips, onToggle, onRemove }: SearchChipsProps) {
  // A chip restored from a session or a facet can hold a search the parser rejects: say so on the chip.
  const problems = useMemo(() => chips.map((chip) => parseSearch(chip.search).errors.map((error) => error.message).join('; ')), [chips]);
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Filter chips">
      {chips.map((chip, index) => {
        const problem = problems[index] ?? '';
        const what = chip.exclude ? 'Leaving out' : 'Keeping only';
        return (
          <li
            key={`${chip.search}\u0000${chip.exclude}`}
            className={`filter-chip${chip.exclude ? ' exclude' : ''}${problem ? ' has-error' : ''}`}
            data-testid="filter-chip"
            data-exclude={chip.exclude ? 'true' : 'false'}
          >
            <button
              type="button"
              className="filter-chip-toggle"
              aria-pressed={chip.exclude}
              aria-label={`${what} ${visibleText(chip.search)}. Switch to ${chip.exclude ? 'keeping only' : 'leaving out'} these entries`}
              title={`${what} entries matching ${visibleText(chip.search)}${problem ? ` — ${problem}` : ''}. Click to switch.`}
              onClick={() => onToggle(index)}
            >
              <VisibleText text={chipLabel(chip)} />
            </button>
            <button type="button" className="chip-close" aria-label={`Remove filter ${visibleText(chipLabel(chip))}`} title="Remove" onClick={() => onRemove(index)}>
              ✕
            </button>
          </li>
        );
      })}
    </ul>
  );
}
