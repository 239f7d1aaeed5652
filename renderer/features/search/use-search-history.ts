/** The search history as React state, saved to localStorage on every change. */
import { useCallback, useState } from 'react';
import { addToHistory, loadHistory, removeFromHistory, saveHistory } from './search-history';

export interface SearchHistory {
  entries: readonly string[];
  record(search: string): void;
  forget(search: string): void;
}

export function useSearchHistory(): SearchHistory {
  const [entries, setEntries] = useState<readonly string[]>(loadHistory);
  const update = useCallback((change: (current: readonly string[]) => string[]) => {
    setEntries((current) => {
      const next = change(current);
      saveHistory(next);
      return next;
    });
  }, []);
  const record = useCallback((search: string) => update((current) => addToHistory(current, search)), [update]);
  const forget = useCallback((search: string) => update((current) => removeFromHistory(current, search)), [update]);
  return { entries, record, forget };
}
