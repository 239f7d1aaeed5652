/**
 * What the user looks at, as state: search text and chips, level toggles, KB "show hidden", the
 * timeline's time range, "only bookmarked", hidden sources and columns — turned into the one
 * EventQuery every view asks with, and into the SessionView a session saves and restores.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SourceInfo } from '../../../shared/model/log-event';
import type { EventQuery, FilterChip } from '../../../shared/model/query';
import { SEVERITIES, type Severity } from '../../../shared/model/severity';
import type { SessionView } from '../../../shared/model/triage';
import { COLUMN_IDS, type ColumnId } from '../log-grid/column-defs';

export interface TimeRange {
  from: number;
  to: number;
}

function toggled<T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
}

export function useViewState(sources: SourceInfo[]) {
  const [text, setText] = useState('');
  const [chips, setChips] = useState<FilterChip[]>([]);
  const [hiddenLevels, setHiddenLevels] = useState<ReadonlySet<Severity>>(new Set());
  const [hiddenColumns, setHiddenColumns] = useState<ReadonlySet<ColumnId>>(new Set());
  const [showHidden, setShowHidden] = useState(false);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [onlyBookmarked, setOnlyBookmarked] = useState(false);
  const [hiddenSourceIds, setHiddenSourceIds] = useState<ReadonlySet<number>>(new Set());

  // Per-source show/hide: the ids still shown, as a stable string so that sources gaining rows do
  // not make a new query (and a grid refresh) each time.
  const shownSourceKey = hiddenSourceIds.size === 0 ? null : sources.filter((source) => !hiddenSourceIds.has(source.id)).map((source) => source.id).join(',');
  const query = useMemo<EventQuery>(() => {
    const q: EventQuery = {};
    if (text.trim() !== '') q.text = text.trim();
    if (chips.length > 0) q.chips = chips;
    if (hiddenLevels.size > 0) q.levels = SEVERITIES.filter((level) => !hiddenLevels.has(level));
    if (showHidden) q.showHidden = true;
    if (range) Object.assign(q, range);
    if (onlyBookmarked) q.bookmarkedOnly = true;
    if (shownSourceKey !== null) q.sourceIds = shownSourceKey === '' ? [] : shownSourceKey.split(',').map(Number);
    return q;
  }, [text, chips, hiddenLevels, showHidden, range, onlyBookmarked, shownSourceKey]);

  // Sources are saved by path: ids are new in every run.
  const sessionView = useMemo<SessionView>(() => {
    const { sourceIds: _ids, ...saved } = query;
    void _ids;
    const hiddenPaths = sources.filter((source) => hiddenSourceIds.has(source.id)).map((source) => source.path);
    return { query: saved, hiddenColumns: [...hiddenColumns], ...(hiddenPaths.length > 0 ? { hiddenSourcePaths: hiddenPaths } : {}) };
  }, [query, hiddenColumns, hiddenSourceIds, sources]);

  const pendingHiddenPaths = useRef<ReadonlySet<string>>(new Set());
  const applyView = useCallback((view: SessionView) => {
    setText(view.query.text ?? '');
    setChips(view.query.chips ?? []);
    setHiddenLevels(new Set(view.query.levels ? SEVERITIES.filter((level) => !view.query.levels!.includes(level)) : []));
    setShowHidden(view.query.showHidden ?? false);
    setRange(view.query.from !== undefined && view.query.to !== undefined ? { from: view.query.from, to: view.query.to } : null);
    setOnlyBookmarked(view.query.bookmarkedOnly ?? false);
    setHiddenColumns(new Set(view.hiddenColumns.filter((column): column is ColumnId => (COLUMN_IDS as readonly string[]).includes(column))));
    setHiddenSourceIds(new Set());
    // Restored sources get new ids: they are hidden by path as they appear.
    pendingHiddenPaths.current = new Set(view.hiddenSourcePaths ?? []);
  }, []);
  useEffect(() => {
    if (pendingHiddenPaths.current.size === 0) return;
    const matched = sources.filter((source) => pendingHiddenPaths.current.has(source.path));
    if (matched.length === 0) return;
    setHiddenSourceIds((current) => new Set([...current, ...matched.map((source) => source.id)]));
    pendingHiddenPaths.current = new Set([...pendingHiddenPaths.current].filter((path) => !matched.some((source) => source.path === path)));
  }, [sources]);

  return {
    text,
    setText,
    chips,
    setChips,
    hiddenLevels,
    toggleLevel: useCallback((level: Severity) => setHiddenLevels((current) => toggled(current, level)), []),
    hiddenColumns,
    toggleColumn: useCallback((column: ColumnId) => setHiddenColumns((current) => toggled(current, column)), []),
    showHidden,
    setShowHidden,
    range,
    setRange,
    onlyBookmarked,
    setOnlyBookmarked,
    hiddenSourceIds,
    toggleSource: useCallback((id: number) => setHiddenSourceIds((current) => toggled(current, id)), []),
    query,
    sessionView,
    applyView,
  };
}
