/** The grid's columns: Event Viewer's familiar set, with the level shown as icon + word. */
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { EXPORT_COLUMN_LABELS, type ExportColumn } from '../../../shared/model/export';
import type { EventRow } from '../../../shared/model/log-event';
import { VERDICT_LABELS, type Verdict } from '../../../shared/kb/rule-schema';
import { SEVERITY_ICONS, SEVERITY_LABELS } from '../../../shared/model/severity';
import { formatTime } from '../../format';

/** The grid's columns, in their default order; exports share their ids and labels. */
export const COLUMN_IDS = ['time', 'level', 'provider', 'eventId', 'category', 'computer', 'user', 'message', 'kb'] as const satisfies readonly ExportColumn[];

export type ColumnId = (typeof COLUMN_IDS)[number];

export const COLUMN_LABELS: Readonly<Record<ColumnId, string>> = EXPORT_COLUMN_LABELS;


/** What the grid's `context` carries: the KB rule titles, looked up by id. */
export interface GridContext {
  ruleTitle(id: string): string | undefined;
}

const VERDICT_ICONS: Readonly<Record<Verdict, string>> = { benign: '✓', noise: '∼', 'known-issue': 'ⓘ', attention: '⚑' };

/** The KB column: the verdict as a glyph, the rule's title, and why a hidden rule's entry shows. */
export function kbText(row: EventRow | undefined, context: GridContext | undefined): string {
  if (!row?.kb) return '';
  const title = context?.ruleTitle(row.kb.rule) ?? row.kb.rule;
  const flag = row.kb.flag === 'volume' ? ' — unusual volume' : row.kb.flag === 'escalated' ? ' — escalated' : '';
  return `${VERDICT_ICONS[row.kb.verdict]} ${VERDICT_LABELS[row.kb.verdict]}${flag}: ${title}`;
}

export function levelText(row: EventRow | undefined): string {
  if (!row) return '';
  return row.unparsed ? '? Unparsed' : `${SEVERITY_ICONS[row.level]} ${SEVERITY_LABELS[row.level]}`;
}

export const COLUMN_DEFS: ColDef<EventRow>[] = [
  { colId: 'time', field: 'time', headerName: COLUMN_LABELS.time, width: 200, valueFormatter: (p) => formatTime(p.value as number | null) },
  {
    colId: 'level',
    field: 'level',
    headerName: COLUMN_LABELS.level,
    width: 125,
    cellRenderer: (p: ICellRendererParams<EventRow>) => levelText(p.data),
    cellClass: 'level-cell',
  },
  { colId: 'provider', field: 'provider', headerName: COLUMN_LABELS.provider, width: 200 },
  { colId: 'eventId', field: 'eventId', headerName: COLUMN_LABELS.eventId, width: 95, type: 'numericColumn' },
  { colId: 'category', field: 'category', headerName: COLUMN_LABELS.category, width: 110 },
  { colId: 'computer', field: 'computer', headerName: COLUMN_LABELS.computer, width: 110 },
  { colId: 'user', field: 'user', headerName: COLUMN_LABELS.user, width: 100 },
  { colId: 'message', field: 'message', headerName: COLUMN_LABELS.message, flex: 1, minWidth: 240 },
  {
    colId: 'kb',
    headerName: COLUMN_LABELS.kb,
    width: 260,
    sortable: false,
    valueGetter: (p) => kbText(p.data, p.context as GridContext | undefined),
    tooltipValueGetter: (p) => kbText(p.data, p.context as GridContext | undefined) || undefined,
    cellClass: 'kb-cell',
  },
];
