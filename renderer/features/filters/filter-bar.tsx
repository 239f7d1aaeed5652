/** Text search and one toggle per severity, each showing how many entries it covers. */
import { useEffect, useState, type ReactNode } from 'react';
import type { EventCounts } from '../../../shared/model/query';
import { SEVERITIES, SEVERITY_ICONS, SEVERITY_LABELS, type Severity } from '../../../shared/model/severity';
import { formatCount } from '../../format';

export interface FilterBarProps {
  counts: EventCounts;
  hiddenLevels: ReadonlySet<Severity>;
  onToggleLevel(level: Severity): void;
  /** The plain search input's text, debounced (unused when `search` is given). */
  onSearch?(text: string): void;
  /** A search control that replaces the plain input (features/search/search-box.tsx). */
  search?: ReactNode;
}

const SEARCH_DELAY_MS = 250;

export function FilterBar({ counts, hiddenLevels, onToggleLevel, onSearch, search }: FilterBarProps) {
  const [text, setText] = useState('');
  // With a search control given, the plain input is gone and must not report its empty text.
  const ownInput = search === undefined;
  useEffect(() => {
    if (!onSearch || !ownInput) return;
    const timer = setTimeout(() => onSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, onSearch, ownInput]);

  const present = SEVERITIES.filter((level) => (counts.byLevel[level] ?? 0) > 0 || hiddenLevels.has(level));
  return (
    <div className="filter-bar" role="search">
      {search ?? (
        <input
          className="search-input"
          type="search"
          placeholder="Search messages, sources, computers…"
          aria-label="Search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      )}
      <div className="level-toggles" role="group" aria-label="Levels">
        {present.map((level) => {
          const shown = !hiddenLevels.has(level);
          return (
            <button
              key={level}
              type="button"
              className={`level-toggle sev-${level}${shown ? ' on' : ''}`}
              aria-pressed={shown}
              data-testid={`level-${level}`}
              title={shown ? `Hide ${SEVERITY_LABELS[level]} entries` : `Show ${SEVERITY_LABELS[level]} entries`}
              onClick={() => onToggleLevel(level)}
            >
              <span aria-hidden="true">{SEVERITY_ICONS[level]}</span> {SEVERITY_LABELS[level]}{' '}
              <span className="count">{formatCount(counts.byLevel[level] ?? 0)}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
