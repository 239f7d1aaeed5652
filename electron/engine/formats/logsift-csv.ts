/**
 * Logsift's own CSV exports, read back: a header of column labels ("Time (UTC)", "Level",
 * "Source", "Event ID", …, in the order the user chose) and one RFC 4180 record per entry, message
 * line breaks quoted. Columns are found by their labels, so any choice and order reads back.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { severityFromWord } from '../../../shared/model/severity';
import type { FormatPlugin } from './format';

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
    const value = record[i] ?? '';
    if (!field || value === '') return;
    if (field === 'time') {
      const time = Date.parse(value);
      event.time = Number.isNaN(time) ? null : time;
    } else if (field === 'level') event.level = severityFromWord(value) ?? 'unknown';
    else if (field === 'eventId' || field === 'recordId') event[field] = /^\d+$/.test(value) ? Number(value) : null;
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
    const parser = Readable.from(chunks).pipe(parse({ bom: true, relax_column_count: true, raw: true, info: true, skip_empty_lines: true }));
    let columns: (keyof ParsedEvent | undefined)[] | undefined;
    let nextLine = 1;
    for await (const { record, raw, info } of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const line = nextLine;
      nextLine = info.lines + 1;
      if (!columns) {
        columns = record.map((name) => FIELDS[name.trim()]);
        sink.skipped(1);
        continue;
      }
      sink.event(toEvent(record, columns, raw.replace(/\r?\n$/, ''), line));
    }
  },
};
