/**
 * The search history: the last distinct searches the user settled on, newest first, kept in
 * localStorage so it survives restarts. Storage may be missing or full (private windows, quota):
 * the history then simply does not persist.
 */

export const HISTORY_KEY = 'logsift.searchHistory';
export const HISTORY_LIMIT = 20;

/** The part of Storage the history uses, so tests can pass a plain object. */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** `search` first, without its older copies, at most `limit` entries. */
export function addToHistory(history: readonly string[], search: string, limit = HISTORY_LIMIT): string[] {
  const trimmed = search.trim();
  if (trimmed === '') return [...history];
  return [trimmed, ...history.filter((entry) => entry !== trimmed)].slice(0, limit);
}

export function removeFromHistory(history: readonly string[], search: string): string[] {
  return history.filter((entry) => entry !== search);
}

/** Entries that contain what is typed (any case); everything when nothing is typed. */
export function matchHistory(history: readonly string[], typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  if (needle === '') return [...history];
  return history.filter((entry) => entry.toLowerCase().includes(needle) && entry !== typed.trim());
}

/** Reads a stored history, dropping anything that is not a list of strings (an older or edited value). */
export function parseHistory(stored: string | null): string[] {
  if (stored === null) return [];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [];
    return value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').slice(0, HISTORY_LIMIT);
  } catch {
    return [];
  }
}

function defaultStorage(): HistoryStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Reading `localStorage` itself throws when storage is disabled.
    return undefined;
  }
}

export function loadHistory(storage: HistoryStorage | undefined = defaultStorage()): string[] {
  try {
    return parseHistory(storage?.getItem(HISTORY_KEY) ?? null);
  } catch {
    return [];
  }
}

export function saveHistory(history: readonly string[], storage: HistoryStorage | undefined = defaultStorage()): void {
  try {
    storage?.setItem(HISTORY_KEY, JSON.stringify(history.slice(0, HISTORY_LIMIT)));
  } catch {
    // Quota exceeded or storage disabled: the history lives for this session only.
  }
}
