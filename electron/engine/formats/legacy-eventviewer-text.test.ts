import { describe, expect, it } from 'vitest';
import { otherFormatsFixtures } from './fixture-samples';
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { countNonBlankLines } from '../ingest/line-accounting';
import type { ParseOptions } from './format';
import { legacyEventViewerText } from './legacy-eventviewer-text';

const context = (options: ParseOptions = {}) => ({ fileName: 'system.csv', modifiedTime: 0, options });
const HEADER = 'Date,Time,Source,Type,Category,Event,User,Computer,Description';

/** Parses `text` cut into chunks of `chunkSize` characters, and checks that no line was lost. */
async function parse(text: string, options: ParseOptions = {}, chunkSize = 5) {
  const events: ParsedEvent[] = [];
  const unparsed: UnparsedRow[] = [];
  let skipped = 0;
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const sink = { event: (e: ParsedEvent) => events.push(e), unparsed: (r: UnparsedRow) => unparsed.push(r), skipped: (n: number) => (skipped += n) };
  await legacyEventViewerText.parse(chunks(), sink, context(options));
  const accounted = [...events, ...unparsed].reduce((sum, entry) => sum + countNonBlankLines(entry.raw), skipped);
  expect(accounted).toBe(countNonBlankLines(text));
  return { events, unparsed, skipped };
}

describe('legacy-eventviewer-text detection', () => {
  const detect = (sample: string) => legacyEventViewerText.detect(sample, context());

  it('recognises the header row, comma or tab', () => {
    expect(detect(`${HEADER}\r\n`)).toBe(0.95);
    expect(detect(`${HEADER.replace(/,/g, '\t')}\r\n`)).toBe(0.95);
  });

  it('recognises header-less rows by their shape', () => {
    const row = '3/14/2025,8:01:17 AM,Tcpip,Warning,None,4226,N/A,SRV01,TCP/IP has reached the security limit.';
    expect(detect(`${row}\r\n${row}\r\n`)).toBe(0.93);
    expect(detect(row)).toBe(0.9);
    expect(detect('14.03.2025\t20:01:17\tTcpip\tWarnung\tKeine\t4226\tN/A\tSRV01\tTCP/IP...\r\n14.03.2025\t20:01:18\tTcpip\tFehler\tKeine\t4227\tN/A\tSRV01\tx\r\n')).toBe(0.93);
  });

  it('says 0 for look-alikes', () => {
    expect(detect('Level,Date and Time,Source,Event ID,Task Category\r\nInformation,12/9/2025 5:37:32 PM,S,2,(1),m\r\n')).toBe(0);
    expect(detect('3/14/2025 8:01:17 AM ERROR something failed\n')).toBe(0);
    expect(detect('3/14/2025,8:01:17 AM,Source,Loud,None,4226,N/A,SRV01,not a type word\n')).toBe(0);
    expect(detect('3/14/2025,8:01:17 AM,Source,Warning,None,x,N/A,SRV01,event is not a number\n')).toBe(0);
    expect(detect('"Message","Id","TimeCreated"\n')).toBe(0);
    expect(detect('2025-03-14 08:01:17,123 INFO started\n')).toBe(0);
    expect(detect('')).toBe(0);
  });

  it('says 0 for every fixture of the other formats', () => {
    const fixtures = otherFormatsFixtures('legacy-eventviewer-text');
    expect(fixtures.length).toBeGreaterThan(3);
    for (const { file, sample } of fixtures) expect([file, detect(sample)]).toEqual([file, 0]);
  });
});

describe('legacy-eventviewer-text parsing', () => {
  it('skips the header and maps the nine fields', async () => {
    const text = `${HEADER}\r\n3/14/2025,8:01:17 PM,MSExchangeMTA,Warning,Interface,9221,N/A,EX2003,A sockets error 10054 on a WSARecvEx() call was detected.\r\n`;
    const { events, skipped } = await parse(text, { timeZone: '-08:00' });
    expect(skipped).toBe(1);
    expect(events).toEqual([
      {
        time: Date.parse('2025-03-15T04:01:17Z'),
        level: 'warning',
        provider: 'MSExchangeMTA',
        eventId: 9221,
        category: 'Interface',
        computer: 'EX2003',
        user: null,
        channel: null,
        recordId: null,
        message: 'A sockets error 10054 on a WSARecvEx() call was detected.',
        data: null,
        raw: '3/14/2025,8:01:17 PM,MSExchangeMTA,Warning,Interface,9221,N/A,EX2003,A sockets error 10054 on a WSARecvEx() call was detected.',
        line: 2,
      },
    ]);
  });

  it('joins extra fields back into an unquoted description, delimiters kept', async () => {
    const row = '3/14/2025,8:01:17 AM,Service Control Manager,Error,None,7031,N/A,SRV01,The X service terminated unexpectedly.  It has done this 1 time(s).  Action: Restart, then wait, 5000 ms.';
    const { events } = await parse(row);
    expect(events[0]!.message).toBe('The X service terminated unexpectedly.  It has done this 1 time(s).  Action: Restart, then wait, 5000 ms.');
  });

  it('continues the description on lines that do not start with a date, blank lines inside kept', async () => {
    const text = [
      '3/14/2025\t8:01:17 AM\tUSER32\tInformation\tNone\t1074\tSYSTEM\tSRV01\tThe process winlogon.exe has initiated the restart:',
      ' Reason Code: 0x80020003',
      '',
      '\tPrivileges:\tSeBackupPrivilege',
      '',
      '',
      '3/14/2025\t20:01:18\tSecurity\tFailure Audit\tLogon/Logoff\t529\tSYSTEM\tSRV01\tLogon Failure:',
      '',
    ].join('\r\n');
    const { events } = await parse(text);
    expect(events.map((e) => [e.line, e.level, e.user, e.time])).toEqual([
      [1, 'information', 'SYSTEM', Date.parse('2025-03-14T08:01:17Z')],
      [7, 'audit-failure', 'SYSTEM', Date.parse('2025-03-14T20:01:18Z')],
    ]);
    expect(events[0]!.message).toBe('The process winlogon.exe has initiated the restart:\n Reason Code: 0x80020003\n\n\tPrivileges:\tSeBackupPrivilege');
    expect(events[0]!.raw.split('\n')).toHaveLength(4);
  });

  it('reads every type word, two-digit years and day-first dates', async () => {
    const rows = ['Error', 'Warning', 'Information', 'Success Audit', 'Failure Audit', 'Erfolgsüberwachung', 'Verbose?'].map(
      (type, i) => `3/14/05,8:0${i}:00 AM,S,${type},None,${i},N/A,C,m`,
    );
    const { events } = await parse(rows.join('\n'));
    expect(events.map((e) => e.level)).toEqual(['error', 'warning', 'information', 'audit-success', 'audit-failure', 'audit-success', 'unknown']);
    expect(events[0]!.time).toBe(Date.parse('2005-03-14T08:00:00Z'));
    const dayFirst = await parse('09/03/2025,17:00:00,S,Error,None,1,N/A,C,m', { dayFirst: true });
    expect(dayFirst.events[0]!.time).toBe(Date.parse('2025-03-09T17:00:00Z'));
  });

  it('unwraps a description a spreadsheet quoted, and accepts a row without one', async () => {
    const { events } = await parse('3/14/2025,8:01:17 AM,S,Error,None,1,N/A,C,"Said ""no"", twice"\n3/14/2025,8:01:18 AM,S,Error,None,2,N/A,C');
    expect(events.map((e) => e.message)).toEqual(['Said "no", twice', '']);
  });

  it('reports short rows, unreadable dates and text before the first row', async () => {
    const lines = ['garbage before', 'more garbage', '3/14/2025,8:01:17 AM,S,Error,None', '13/45/2025,8:01:17 AM,S,Error,None,1,N/A,C,m', '3/14/2025,8:01:17 AM,S,Error,None,1,N/A,C,fine'];
    const { events, unparsed } = await parse(lines.join('\n'));
    expect(unparsed).toEqual([
      { raw: 'garbage before\nmore garbage', line: 1, reason: 'text that does not start with a date and time, and no event above it to continue' },
      { raw: lines[2], line: 3, reason: 'expected 9 fields (Date, Time, Source, Type, Category, Event, User, Computer, Description), found 5' },
      { raw: lines[3], line: 4, reason: 'unreadable date and time "13/45/2025 8:01:17 AM"' },
    ]);
    expect(events.map((e) => e.message)).toEqual(['fine']);
  });

  it('skips a repeated header from exports joined end to end', async () => {
    const row = '3/14/2025,8:01:17 AM,S,Error,None,1,N/A,C,m';
    const { events, skipped } = await parse([HEADER, row, HEADER, row].join('\r\n'));
    expect(skipped).toBe(2);
    expect(events.map((e) => e.line)).toEqual([2, 4]);
  });

  it('gives the same events whatever the chunk size', async () => {
    const text = `${HEADER}\r\n3/14/2025,8:01:17 AM,S,Error,None,1,N/A,C,a,b\r\ncontinued\r\n\r\n3/14/2025,8:01:18 AM,S,Warning,None,2,N/A,C,c\r\n`;
    expect((await parse(text, {}, 1)).events).toEqual((await parse(text, {}, 100_000)).events);
  });
});
