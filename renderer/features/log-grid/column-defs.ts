/** The grid's columns: Event Viewer's familiar set, with the level shown as icon + word. */
import type { CellRendererSelectorResult, ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import { EXPORT_COLUMN_LABELS, type ExportColumn } from '../../../shared/model/export';
import type { EventRow, SourceId } from '../../../shared/model/log-event';
import { VERDICT_LABELS, type Verdict } from '../../../shared/kb/rule-schema';
import { SEVERITY_ICONS, SEVERITY_LABELS } from '../../../shared/model/severity';
import { hasHiddenCharacters, visibleText } from '../../../shared/text/visible-text';
import { formatTime } from '../../format';
import { BookmarkCell, cellClip, MessageCell, SourceCell, TextCell } from './cell-renderers';

/** Columns only the grid has: exports carry the file as `file`, and bookmarks not at all. */
type GridOnlyColumn = 'source' | 'bookmark';

/** The grid's columns, in their default order; exports share the ids and labels of the others. */
export const COLUMN_IDS = [
  'bookmark',
  'time',
  'source',
  'level',
  'provider',
  'eventId',
  'category',
  'computer',
  'user',
  'message',
  'kb',
] as const satisfies readonly (ExportColumn | GridOnlyColumn)[];

export type ColumnId = (typeof COLUMN_IDS)[number];

const GRID_ONLY_LABELS: Readonly<Record<GridOnlyColumn, string>> = { source: 'File', bookmark: 'Bookmark' };

// Export labels win where they exist, so a label added there is the grid's too.
export const COLUMN_LABELS: Readonly<Record<ColumnId, string>> = { ...GRID_ONLY_LABELS, ...EXPORT_COLUMN_LABELS };

/** How a source is named and coloured in the grid (its chip in the source bar has the same colour). */
export interface SourceLabel {
  name: string;
  color: string;
}

/**
 * What the grid's `context` carries. It stays the same object for the grid's life, so each
 * member is a lookup of the app's current state, not a copy of it.
 */
export interface GridContext {
  /** KB rule titles, by rule id. */
  ruleTitle(id: string): string | undefined;
  /** The current search's patterns, marked in message cells (highlightPatterns of the parsed search). */
  highlight?(): readonly RegExp[];
  /** The file an entry came from, for the File column. */
  sourceLabel?(sourceId: SourceId): SourceLabel | undefined;
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

/**
 * A plain text column's cell: ag-grid writes it as text (never HTML), with hidden characters as
 * markers, and only as much as a cell can show (a provider can be as long as a message). Sorting
 * and filtering still use the stored value.
 */
export function plainCellText(value: unknown): string {
  if (typeof value !== 'string') return value == null ? '' : String(value);
  return visibleText(cellClip(value));
}

const visibleCell = (params: ValueFormatterParams<EventRow>): string => plainCellText(params.value);

/** Most cells are drawn by the grid as plain text; one with hidden characters gets styled markers (TextCell). */
const markersWhereHidden = (params: ICellRendererParams<EventRow>): CellRendererSelectorResult | undefined =>
  typeof params.value === 'string' && hasHiddenCharacters(params.value) ? { component: TextCell } : undefined;

/** A plain text column, shown with hidden characters as markers. */
const TEXT_COLUMN = { valueFormatter: visibleCell, cellRendererSelector: markersWhereHidden } as const;

export const COLUMN_DEFS: ColDef<EventRow>[] = [
  {
    colId: 'bookmark',
    headerName: '★',
    headerTooltip: COLUMN_LABELS.bookmark,
    headerClass: 'bookmark-header',
    width: 40,
    resizable: false,
    suppressHeaderMenuButton: true,
    suppressMovable: true,
    // Pinned: a star scrolled out of view with the first columns would be a bookmark nobody sees.
    pinned: 'left',
    lockPinned: true,
    // The engine sorts by stored columns only (SORTABLE_COLUMNS); a bookmark sort would be a lie.
    sortable: false,
    cellRenderer: BookmarkCell,
    cellClass: 'bookmark-cell',
  },
  { colId: 'time', field: 'time', headerName: COLUMN_LABELS.time, width: 200, valueFormatter: (p) => formatTime(p.value as number | null) },
  {
    colId: 'source',
    headerName: COLUMN_LABELS.source,
    width: 160,
    sortable: false,
    valueGetter: (p) => (p.data ? ((p.context as GridContext | undefined)?.sourceLabel?.(p.data.sourceId)?.name ?? '') : ''),
    tooltipValueGetter: (p) => (typeof p.value === 'string' && p.value !== '' ? visibleText(p.value) : undefined),
    cellRenderer: SourceCell,
  },
  {
    colId: 'level',
    field: 'level',
    headerName: COLUMN_LABELS.level,
    width: 125,
    cellRenderer: (p: ICellRendererParams<EventRow>) => levelText(p.data),
    cellClass: 'level-cell',
  },
  { colId: 'provider', field: 'provider', headerName: COLUMN_LABELS.provider, width: 200, ...TEXT_COLUMN },
  { colId: 'eventId', field: 'eventId', headerName: COLUMN_LABELS.eventId, width: 95, type: 'numericColumn' },
  { colId: 'category', field: 'category', headerName: COLUMN_LABELS.category, width: 110, ...TEXT_COLUMN },
  { colId: 'computer', field: 'computer', headerName: COLUMN_LABELS.computer, width: 110, ...TEXT_COLUMN },
  { colId: 'user', field: 'user', headerName: COLUMN_LABELS.user, width: 100, ...TEXT_COLUMN },
  { colId: 'message', field: 'message', headerName: COLUMN_LABELS.message, flex: 1, minWidth: 240, cellRenderer: MessageCell },
  {
    colId: 'kb',
    headerName: COLUMN_LABELS.kb,
    width: 260,
    sortable: false,
    valueGetter: (p) => kbText(p.data, p.context as GridContext | undefined),
    // Rule titles can hold log text (a rule drafted from an entry names its provider).
    ...TEXT_COLUMN,
    tooltipValueGetter: (p) => visibleText(kbText(p.data, p.context as GridContext | undefined)) || undefined,
    cellClass: 'kb-cell',
  },
];
