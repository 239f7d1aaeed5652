import { describe, expect, it } from 'vitest';
import { otherFormatsFixtures } from './fixture-samples';
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { countNonBlankLines } from '../ingest/line-accounting';
import type { ParseOptions } from './format';
import { EVENT_LOG_COLUMNS, WIN_EVENT_COLUMNS } from './powershell-csv-columns';
import { powerShellCsv } from './powershell-csv';

const context = (options: ParseOptions = {}) => ({ fileName: 'events.csv', modifiedTime: 0, options });
const q = (values: readonly (string | number)[]) => values.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',');

/** Parses `text` cut into chunks of `chunkSize` characters, and checks that no line was lost. */
async function parse(text: string, options: ParseOptions = {}, chunkSize = 7) {
  const events: ParsedEvent[] = [];
  const unparsed: UnparsedRow[] = [];
  let skipped = 0;
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  await powerShellCsv.parse(chunks(), { event: (e) => events.push(e), unparsed: (r) => unparsed.push(r), skipped: (n) => (skipped += n) }, context(options));
  const accounted = [...events, ...unparsed].reduce((sum, entry) => sum + countNonBlankLines(entry.raw), skipped);
  expect(accounted).toBe(countNonBlankLines(text));
  return { events, unparsed, skipped };
}

function winEvent(values: Partial<Record<string, string | number>>): string {
  return q(WIN_EVENT_COLUMNS.map((name) => values[name] ?? ''));
}
function eventLog(values: Partial<Record<string, string | number>>): string {
  return q(EVENT_LOG_COLUMNS.map((name) => values[name] ?? ''));
}

const WIN_HEADER = q(WIN_EVENT_COLUMNS);
const EL_HEADER = q(EVENT_LOG_COLUMNS);
const MTA = 'A sockets error 10054 on a WSARecvEx() call was detected. The MTA will attempt to recover the connection.';

describe('powershell-csv detection', () => {
  const detect = (sample: string) => powerShellCsv.detect(sample, context());

  it('is certain of Windows PowerShell exports with #TYPE and of full PowerShell 7 headers', () => {
    expect(detect(`#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n${WIN_HEADER}\r\n`)).toBe(0.97);
    expect(detect(`#TYPE System.Diagnostics.EventLogEntry#System/EventLogEntry\r\n${EL_HEADER}\r\n`)).toBe(0.97);
    expect(detect(`${WIN_HEADER}\n${winEvent({ Id: 1 })}`)).toBe(0.96);
    expect(detect(`${EL_HEADER}\n`)).toBe(0.96);
  });

  it('recognises Select-Object subsets in any order, and -UseCulture semicolons', () => {
    expect(detect('"Message","LevelDisplayName","Id","TimeCreated"\n"x","Error","1","3/14/2025 8:01:17 AM"')).toBe(0.9);
    expect(detect('#TYPE Selected.System.Diagnostics.Eventing.Reader.EventLogRecord\n"TimeCreated","Id","Message"\n')).toBe(0.97);
    expect(detect('"TimeGenerated";"EntryType";"Source";"Message"\n')).toBe(0.9);
  });

  it('says 0 for other CSV shapes and text', () => {
    expect(detect('Level,Date and Time,Source,Event ID,Task Category\r\n')).toBe(0);
    expect(detect('Date,Time,Source,Type,Category,Event,User,Computer,Description\r\n')).toBe(0);
    expect(detect('SourceIP,SourcePort,DestinationIP,DestinationPort,Filename,Path,FileSize\n')).toBe(0);
    expect(detect('"Id","Name","TimeCreated"\n')).toBe(0);
    expect(detect('"TimeCreated","Message"\n')).toBe(0);
    expect(detect('#TYPE System.Diagnostics.Process\n"Name","Id","CPU"\n')).toBe(0);
    expect(detect('{"TimeCreated":"2025-03-14","Id":1}\n')).toBe(0);
    expect(detect('')).toBe(0);
  });

  it('says 0 for every fixture of the other formats', () => {
    const fixtures = otherFormatsFixtures('powershell-csv');
    expect(fixtures.length).toBeGreaterThan(3);
    for (const { file, sample } of fixtures) expect([file, detect(sample)]).toEqual([file, 0]);
  });
});

describe('powershell-csv parsing: Get-WinEvent', () => {
  const text = [
    '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord',
    WIN_HEADER,
    winEvent({ Message: MTA, Id: 9221, Qualifiers: 32768, Level: 3, Task: 6, Keywords: '36028797018963968', RecordId: 48213, ProviderName: 'MSExchangeMTA', LogName: 'Application', MachineName: 'EX01.contoso.local', TimeCreated: '3/14/2025 8:01:17 AM', LevelDisplayName: 'Warning', TaskDisplayName: 'Interface', Bookmark: 'System.Diagnostics.Eventing.Reader.EventBookmark' }),
    winEvent({ Message: 'Line one\r\n\r\n\tSaid "hi", twice.\r\n', Id: 4625, Level: 0, Task: 12544, Keywords: '-9218868437227405312', RecordId: 7, ProviderName: 'Microsoft-Windows-Security-Auditing', LogName: 'Security', UserId: 'S-1-5-18', TimeCreated: '3/14/2025 9:12:44 PM', LevelDisplayName: 'Information' }),
  ].join('\r\n');

  it('skips #TYPE and header, maps the columns, keeps the rest by name', async () => {
    const { events, unparsed, skipped } = await parse(text);
    expect(unparsed).toEqual([]);
    expect(skipped).toBe(2);
    expect(events[0]).toEqual({
      time: Date.parse('2025-03-14T08:01:17Z'),
      level: 'warning',
      provider: 'MSExchangeMTA',
      eventId: 9221,
      category: 'Interface',
      computer: 'EX01.contoso.local',
      user: null,
      channel: 'Application',
      recordId: 48213,
      message: MTA,
      data: {
        Qualifiers: '32768',
        Level: '3',
        Task: '6',
        Keywords: '36028797018963968',
        Bookmark: 'System.Diagnostics.Eventing.Reader.EventBookmark',
        LevelDisplayName: 'Warning',
      },
      raw: text.split('\r\n')[2],
      line: 3,
    });
  });

  it('keeps multi-line messages with quotes whole, and reads audit keywords', async () => {
    const { events } = await parse(text);
    expect(events[1]).toMatchObject({
      line: 4,
      level: 'audit-failure',
      user: 'S-1-5-18',
      category: '(12544)',
      message: 'Line one\n\n\tSaid "hi", twice.',
      time: Date.parse('2025-03-14T21:12:44Z'),
    });
    expect(countNonBlankLines(events[1]!.raw)).toBe(3);
  });

  it('gives the same events whatever the chunk size', async () => {
    expect((await parse(text, {}, 1)).events).toEqual((await parse(text, {}, 100_000)).events);
  });

  it('maps Level numbers, display names and audit success', async () => {
    const header = '"Id","Level","LevelDisplayName","Keywords","TimeCreated","Message"';
    const rows = [
      '"41","1","Critical","","3/14/2025 9:30:02 AM","reboot"',
      '"4624","0","Information","-9214364837600034816","3/14/2025 9:30:03 AM","logon"',
      '"1","","Warnung","","3/14/2025 9:30:04 AM","a"',
      '"2","5","","","3/14/2025 9:30:05 AM","b"',
      '"3","","","","3/14/2025 9:30:06 AM","c"',
    ];
    const { events } = await parse([header, ...rows].join('\n'));
    expect(events.map((e) => e.level)).toEqual(['critical', 'audit-success', 'unknown', 'verbose', 'unknown']);
    expect(events[0]!.data).toEqual({ Level: '1', LevelDisplayName: 'Critical' });
  });

  it('reads /Date()/ as UTC and applies the time zone to culture times', async () => {
    const header = '"TimeCreated","Id","ProviderName","Message"';
    const { events } = await parse([header, '"/Date(1741939277000)/","1","P","m"', '"3/14/2025 8:01:17 AM","2","P","m"'].join('\n'), { timeZone: '+01:00' });
    expect(events.map((e) => e.time)).toEqual([1741939277000, Date.parse('2025-03-14T07:01:17Z')]);
    const dayFirst = await parse([header, '"09/03/2025 08:01:17","1","P","m"'].join('\n'), { dayFirst: true });
    expect(dayFirst.events[0]!.time).toBe(Date.parse('2025-03-09T08:01:17Z'));
  });

  it('reports rows it cannot read with the reason, and keeps going', async () => {
    const header = '"TimeCreated","Id","ProviderName","Message"';
    const lines = [header, '"last tuesday","1","P","m"', '"3/14/2025 8:01:17 AM","2"', '"3/14/2025 8:01:17 AM","3","P","ok"'];
    const { events, unparsed } = await parse(lines.join('\n'));
    expect(unparsed).toEqual([
      { raw: lines[1], line: 2, reason: 'unreadable TimeCreated "last tuesday"' },
      { raw: lines[2], line: 3, reason: 'expected 4 fields (one per header column), found 2' },
    ]);
    expect(events.map((e) => e.eventId)).toEqual([3]);
  });

  it('reports an unterminated quote at the end as one unparsed row', async () => {
    const text = `"TimeCreated","Id","Message"\n"3/14/2025 8:01:17 AM","1","cut off\nhere`;
    const { events, unparsed } = await parse(text);
    expect(events).toEqual([]);
    expect(unparsed).toEqual([{ raw: '"3/14/2025 8:01:17 AM","1","cut off\nhere', line: 2, reason: 'a quoted value is never closed (damaged or truncated export)' }]);
  });

  it('skips a second #TYPE and header from exports joined end to end', async () => {
    const row = winEvent({ Id: 1, TimeCreated: '3/14/2025 8:01:17 AM', Message: 'm' });
    const { events, skipped } = await parse([`#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord`, WIN_HEADER, row, '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', WIN_HEADER, row].join('\r\n'));
    expect(skipped).toBe(4);
    expect(events.map((e) => e.line)).toEqual([3, 6]);
  });
});

describe('powershell-csv parsing: Get-EventLog', () => {
  it('maps Source, EntryType, Index, UserName, leaves channel empty and keeps ReplacementStrings as written', async () => {
    const text = [
      '#TYPE System.Diagnostics.EventLogEntry#Application/MSExchangeMTA/2147492869',
      EL_HEADER,
      eventLog({ EventID: 9221, MachineName: 'EX2003', Data: 'System.Byte[]', Index: 48213, Category: 'Interface', CategoryNumber: 5, EntryType: 'Warning', Message: MTA, Source: 'MSExchangeMTA', ReplacementStrings: 'System.String[]', InstanceId: 2147492869, TimeGenerated: '3/14/2025 8:01:17 AM', TimeWritten: '3/14/2025 8:01:18 AM', UserName: 'CONTOSO\\exadmin' }),
    ].join('\r\n');
    const { events, skipped } = await parse(text);
    expect(skipped).toBe(2);
    expect(events[0]).toMatchObject({
      time: Date.parse('2025-03-14T08:01:17Z'),
      level: 'warning',
      provider: 'MSExchangeMTA',
      eventId: 9221,
      category: 'Interface',
      computer: 'EX2003',
      user: 'CONTOSO\\exadmin',
      channel: null,
      recordId: 48213,
      message: MTA,
      data: { Data: 'System.Byte[]', CategoryNumber: '5', EntryType: 'Warning', ReplacementStrings: 'System.String[]', InstanceId: '2147492869', TimeWritten: '3/14/2025 8:01:18 AM' },
    });
  });

  it('takes the event ID from InstanceId when EventID is missing, and reads EntryType words and numbers', async () => {
    const header = '"TimeGenerated","InstanceId","EntryType","Source","Message"';
    const rows = ['"3/14/2025 8:01:17 AM","2147492869","FailureAudit","S","a"', '"3/14/2025 8:01:17 AM","3221234567","SuccessAudit","S","b"', '"3/14/2025 8:01:17 AM","1000","16","S","c"', '"3/14/2025 8:01:17 AM","x","Error","S","d"'];
    const { events } = await parse([header, ...rows].join('\n'));
    expect(events.map((e) => [e.eventId, e.level])).toEqual([
      [9221, 'audit-failure'],
      [3221234567 & 0xffff, 'audit-success'],
      [1000, 'audit-failure'],
      [null, 'error'],
    ]);
  });

  it('reads a header-less export by the full column order, and refuses other field counts', async () => {
    const row = eventLog({ EventID: 7036, EntryType: 'Information', Source: 'Service Control Manager', TimeGenerated: '3/14/2025 8:01:17 AM', Message: 'started' });
    const { events, unparsed, skipped } = await parse([row, row].join('\n'));
    expect(skipped).toBe(0);
    expect(events.map((e) => [e.eventId, e.provider, e.line])).toEqual([
      [7036, 'Service Control Manager', 1],
      [7036, 'Service Control Manager', 2],
    ]);
    expect(unparsed).toEqual([]);
    const odd = await parse('"a","b","c"\n');
    expect(odd.unparsed[0]!.reason).toContain('no header row');
  });
});
