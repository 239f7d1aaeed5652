/** A table export's cell for a column, as text (CSV, HTML) — the same rules for every format. */
import { VERDICT_LABELS } from '../../../shared/kb/rule-schema';
import type { ExportColumn } from '../../../shared/model/export';
import { SEVERITY_LABELS } from '../../../shared/model/severity';
import type { ExportRow } from './export-writer';

/** ISO 8601 in UTC, millisecond precision, the zone stated: `2025-03-14T08:02:00.000Z`. */
export function isoTime(time: number | null): string {
  return time === null ? '' : new Date(time).toISOString();
}

/** A bookmark without a comment: a mark that reads as one in any spreadsheet, and sorts together. */
export const PLAIN_BOOKMARK = '★';

/** The bookmark's comment, PLAIN_BOOKMARK for one without, '' for an entry not bookmarked. */
export function bookmarkText(row: ExportRow): string {
  if (row.bookmark === null) return '';
  return row.bookmark === '' ? PLAIN_BOOKMARK : row.bookmark;
}

export function kbText(row: ExportRow): string {
  return row.kb ? `${VERDICT_LABELS[row.kb.verdict]}: ${row.kbReason ?? row.kb.rule}` : '';
}

export function cellText(row: ExportRow, column: ExportColumn): string {
  switch (column) {
    case 'time':
      return isoTime(row.time);
    case 'level':
      return row.unparsed ? 'Unparsed' : SEVERITY_LABELS[row.level];
    case 'provider':
      return row.provider ?? '';
    case 'eventId':
      return row.eventId === null ? '' : String(row.eventId);
    case 'category':
      return row.category ?? '';
    case 'computer':
      return row.computer ?? '';
    case 'user':
      return row.user ?? '';
    case 'message':
      return row.message;
    case 'kb':
      return kbText(row);
    case 'bookmark':
      return bookmarkText(row);
    case 'channel':
      return row.channel ?? '';
    case 'recordId':
      return row.recordId === null ? '' : String(row.recordId);
    case 'file':
      return row.file;
    case 'line':
      return String(row.line);
  }
}
