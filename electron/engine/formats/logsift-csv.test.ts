import { describe, expect, it } from 'vitest';
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { countNonBlankLines } from '../ingest/line-accounting';
import { logsiftCsv } from './logsift-csv';

async function parse(text: string, chunkSize = 5): Promise<{ events: ParsedEvent[]; unparsed: UnparsedRow[]; lostLines: number }> {
  const events: ParsedEvent[] = [];
  const unparsed: UnparsedRow[] = [];
  let skipped = 0;
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  await logsiftCsv.parse(chunks(), { event: (e) => events.push(e), unparsed: (r) => unparsed.push(r), skipped: (n) => (skipped += n) }, { fileName: 'x.csv', modifiedTime: 0, options: {} });
  const accounted = skipped + [...events, ...unparsed].reduce((sum, entry) => sum + countNonBlankLines(entry.raw), 0);
  return { events, unparsed, lostLines: countNonBlankLines(text) - accounted };
}

const HEADER = 'Time (UTC),Level,Source,Event ID,Message\r\n';

describe('Logsift CSV', () => {
  it('reads records with quoted line breaks, by the header labels', async () => {
    const { events, lostLines } = await parse(`${HEADER}2025-03-14T08:00:01.000Z,Warning,MTA,9221,"two\nlines"\r\n2025-03-14T08:00:02.000Z,Error,IS,1000,plain\r\n`);
    expect(events.map((e) => [e.line, e.level, e.provider, e.eventId, e.message])).toEqual([
      [2, 'warning', 'MTA', 9221, 'two\nlines'],
      [4, 'error', 'IS', 1000, 'plain'],
    ]);
    expect(lostLines).toBe(0);
  });

  it('takes off the quote its exports put before text a spreadsheet would read as a formula', async () => {
    const { events } = await parse(`${HEADER}2025-03-14T08:00:01.000Z,Warning,'=cmd|' /C calc'!A0,5,'@SUM(1+1)\r\n2025-03-14T08:00:02.000Z,Error,''=x,1,'it''s fine\r\n`);
    expect(events.map((e) => [e.provider, e.eventId, e.message])).toEqual([
      ["=cmd|' /C calc'!A0", 5, '@SUM(1+1)'],
      ["'=x", 1, "'it''s fine"],
    ]);
  });

  it('keeps a record whose quote never closes as an unparsed row (found by fuzzing: the reader threw)', async () => {
    const { events, unparsed, lostLines } = await parse(`${HEADER}2025-03-14T08:00:01.000Z,Warning,MTA,1,"open\r\nmore text\r\n`);
    expect(events).toEqual([]);
    expect(unparsed).toMatchObject([{ line: 2, reason: 'a quoted field is never closed' }]);
    expect(lostLines).toBe(0);
  });

  it('numbers lines right when line ends are mixed (found by fuzzing)', async () => {
    const { events, lostLines } = await parse(`\n${HEADER.trimEnd()}\r2025-03-14T08:00:01.000Z,Warning,MTA,1,a\n2025-03-14T08:00:02.000Z,Warning,MTA,2,b`);
    expect(events.map((e) => e.line)).toEqual([3, 4]);
    expect(lostLines).toBe(0);
  });
});
