import { describe, expect, it } from 'vitest';
import { addToHistory, HISTORY_KEY, loadHistory, matchHistory, parseHistory, removeFromHistory, saveHistory, type HistoryStorage } from './search-history';

function memoryStorage(initial: Record<string, string> = {}): HistoryStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('search history', () => {
  it('keeps the newest first, distinct, at most 20', () => {
    let history: string[] = [];
    for (let i = 0; i < 25; i++) history = addToHistory(history, `search ${i}`);
    expect(history).toHaveLength(20);
    expect(history[0]).toBe('search 24');
    history = addToHistory(history, ' search 10 ');
    expect(history[0]).toBe('search 10');
    expect(history.filter((entry) => entry === 'search 10')).toHaveLength(1);
    expect(addToHistory(history, '  ')).toEqual(history);
  });

  it('removes one entry', () => {
    expect(removeFromHistory(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('offers the entries containing what is typed, not the typed text itself', () => {
    const history = ['provider:MSExchangeMTA', 'id:9221', 'level>=warning'];
    expect(matchHistory(history, '')).toEqual(history);
    expect(matchHistory(history, 'MSEX')).toEqual(['provider:MSExchangeMTA']);
    expect(matchHistory(history, 'id:9221')).toEqual([]);
  });

  it('reads only a list of strings back', () => {
    expect(parseHistory(null)).toEqual([]);
    expect(parseHistory('not json')).toEqual([]);
    expect(parseHistory('{"a":1}')).toEqual([]);
    expect(parseHistory('["a", 3, "", "b"]')).toEqual(['a', 'b']);
  });

  it('saves to and loads from storage under logsift.searchHistory', () => {
    const storage = memoryStorage();
    saveHistory(['a', 'b'], storage);
    expect(storage.data[HISTORY_KEY]).toBe('["a","b"]');
    expect(loadHistory(storage)).toEqual(['a', 'b']);
  });

  it('survives storage that throws', () => {
    const broken: HistoryStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadHistory(broken)).toEqual([]);
    expect(() => saveHistory(['a'], broken)).not.toThrow();
    expect(loadHistory(undefined)).toEqual([]);
  });
});
