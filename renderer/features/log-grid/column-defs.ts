/** The grid's columns: Event Viewer's familiar set, with the level shown as icon + word. */
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { EventRow } from '../../../shared/model/log-event';
import { SEVERITY_ICONS, SEVERITY_LABELS } from '../../../shared/model/severity';
import { formatTime } from '../../format';

export const COLUMN_LABELS = {
  time: 'Time',
  level: 'Level',
  provider: 'Source',
  eventId: 'Event ID',
  category: 'Category',
  computer: 'Computer',
  user: 'User',
  message: 'Message',
} as const;

export type ColumnId = keyof typeof COLUMN_LABELS;

export const COLUMN_IDS = Object.keys(COLUMN_LABELS) as ColumnId[];

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
];
