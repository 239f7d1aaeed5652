/**
 * Logsift's own CSV exports, read back: a header of column labels ("Time (UTC)", "Level",
 * "Source", "Event ID", …, in the order the user chose) and one RFC 4180 record per entry, message
 * line breaks quoted. Columns are found by their labels, so any choice and order reads back.
 *
 * Records are assembled line by line (windows-csv-records.ts), as for the other CSV formats: a
 * general CSV parser threw on a quote never closed (losing the file, and once crashing the reader
 * with an unhandled stream error) and miscounted lines when line ends were mixed — both found by
 * fuzzing. A record whose quote never closes becomes an unparsed row.
 */
import { restoreSpreadsheetText } from '../../../shared/text/spreadsheet-formula';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { severityFromWord } from '../../../shared/model/severity';
import { countNonBlankLines } from '../ingest/line-accounting';
import type { FormatPlugin } from './format';
import { eventIdFromText, recordIdFromText } from './event-numbers';
import { splitLines } from './lines';
import { type DelimitedRecord, DelimitedRecordReader } from './windows-csv-records';

const TIME_HEADER = 'Time (UTC)';
/** Header label → the field it fills. */
const FIELDS: Readonly<Record<string, keyof ParsedEvent>> = {
  [TIME_HEADER]: 'time',
  Level: 'level',
  Source: 'provider',
  'Event ID': 'eventId',
  Category: 'category',
  Computer: 'computer',
  User: 'user',
  Message: 'message',
  Channel: 'channel',
  'Record ID': 'recordId',
};

function headerOf(sample: string): string[] {
  const first = sample.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
}

function toEvent(record: string[], columns: (keyof ParsedEvent | undefined)[], raw: string, line: number): ParsedEvent {
  const event: ParsedEvent = {
    time: null,
    level: 'unknown',
    provider: null,
    eventId: null,
    category: null,
    computer: null,
    user: null,
    channel: null,
    recordId: null,
    message: '',
    data: null,
    raw,
    line,
  };
  columns.forEach((field, i) => {
    // Exports put a `'` before text a spreadsheet would take for a formula: the entry had none.
    const value = restoreSpreadsheetText(record[i] ?? '');
    if (!field || value === '') return;
    if (field === 'time') {
      const time = Date.parse(value);
      event.time = Number.isNaN(time) ? null : time;
    } else if (field === 'level') event.level = severityFromWord(value) ?? 'unknown';
    else if (field === 'eventId') event.eventId = eventIdFromText(value);
    else if (field === 'recordId') event.recordId = recordIdFromText(value);
    else if (field === 'message') event.message = value;
    else (event as unknown as Record<string, string>)[field] = value;
  });
  return event;
}

export const logsiftCsv: FormatPlugin = {
  id: 'logsift-csv',
  label: 'Logsift CSV export',

  detect(sample) {
    const header = headerOf(sample);
    return header.includes(TIME_HEADER) && header.includes('Level') && header.includes('Message') ? 0.98 : 0;
  },

  async parse(chunks, sink) {
    const reader = new DelimitedRecordReader(',');
    let columns: (keyof ParsedEvent | undefined)[] | undefined;
    const take = (record: DelimitedRecord | undefined): void => {
      if (!record) return;
      if (!record.complete) {
        sink.unparsed({ raw: record.raw, line: record.line, reason: 'a quoted field is never closed' });
      } else if (!columns) {
        // Own labels only: a column called "constructor" is no field (Object.prototype has one).
        columns = record.fields.map((name) => name.replace(/^\ufeff/, '').trim()).map((label) => (Object.hasOwn(FIELDS, label) ? FIELDS[label] : undefined));
        sink.skipped(countNonBlankLines(record.raw));
      } else {
        sink.event(toEvent(record.fields, columns, record.raw, record.line));
      }
    };
    for await (const { text, line } of splitLines(chunks)) take(reader.push(text, line));
    take(reader.end());
  },
};
