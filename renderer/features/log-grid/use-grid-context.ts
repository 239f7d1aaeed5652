/**
 * The grid's context: lookups of the app's current state (KB rule titles, search highlights, source
 * names and colours) behind one object that never changes, so the grid keeps its cells; the cells a
 * change affects are redrawn here when it happens.
 */
import type { GridApi } from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import type { KbRuleInfo } from '../../../shared/model/kb';
import type { EventRow, SourceInfo } from '../../../shared/model/log-event';
import { sourceColor } from '../sources/source-colors';
import type { GridContext } from './column-defs';

export function useGridContext(
  gridApi: GridApi<EventRow> | null,
  rules: ReadonlyMap<string, KbRuleInfo>,
  highlight: readonly RegExp[],
  sources: readonly SourceInfo[],
): GridContext {
  const latest = useRef({ rules, highlight, sources });
  latest.current = { rules, highlight, sources };
  const context = useMemo<GridContext>(
    () => ({
      ruleTitle: (id) => latest.current.rules.get(id)?.rule.title,
      highlight: () => latest.current.highlight,
      sourceLabel: (id) => {
        const source = latest.current.sources.find((candidate) => candidate.id === id);
        return source && { name: source.name, color: sourceColor(source.id) };
      },
    }),
    [],
  );
  useEffect(() => gridApi?.refreshCells({ columns: ['kb'], force: true }), [gridApi, rules]);
  useEffect(() => gridApi?.refreshCells({ columns: ['message'], force: true }), [gridApi, highlight]);
  const sourceNames = sources.map((source) => source.name).join('\n');
  useEffect(() => gridApi?.refreshCells({ columns: ['source'], force: true }), [gridApi, sourceNames]);
  return context;
}
