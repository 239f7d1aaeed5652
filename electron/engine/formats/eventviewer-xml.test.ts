import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { detectEncoding, StreamDecoder } from '../decode/decoder';
import { eventViewerXml } from './eventviewer-xml';
import type { ParseContext } from './format';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'logs');
const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const context: ParseContext = { fileName: 'test.xml', modifiedTime: 0, options: {} };

/** Decodes a fixture the way the pipeline does (BOM or byte sniffing). */
function decodeFile(path: string): string {
  const bytes = readFileSync(path);
  const guess = detectEncoding(bytes);
  const decoder = new StreamDecoder(guess.encoding);
  return decoder.decode(bytes.subarray(guess.bomLength)) + decoder.end();
}

async function parse(text: string): Promise<{ events: ParsedEvent[]; unparsed: UnparsedRow[] }> {
  const events: ParsedEvent[] = [];
  const unparsed: UnparsedRow[] = [];
  async function* chunks(): AsyncGenerator<string> {
    yield text;
  }
  await eventViewerXml.parse(chunks(), { event: (e) => events.push(e), unparsed: (u) => unparsed.push(u), skipped: () => undefined }, context);
  return { events, unparsed };
}

/** One event with the given `<System>` extras and body, in the event namespace. */
function event(system: string, body = ''): string {
  return `<Event xmlns='${NS}'><System><Provider Name='P'/><EventID>1</EventID>${system}</System>${body}</Event>`;
}

async function only(text: string): Promise<ParsedEvent> {
  const { events, unparsed } = await parse(text);
  expect(unparsed).toEqual([]);
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('eventviewer-xml detection', () => {
  it('is certain about a namespaced <Event>, alone, wrapped, after a declaration or comment', () => {
    expect(eventViewerXml.detect(event('<Level>4</Level>'), context)).toBe(0.98);
    expect(eventViewerXml.detect(`\uFEFF<?xml version="1.0" encoding="utf-16"?>\r\n<Events>\r\n${event('')}`, context)).toBe(0.98);
    expect(eventViewerXml.detect(`<!-- exported -->\n<Events xmlns:x="y">\n  <Event xmlns="${NS}">`, context)).toBe(0.98);
  });

  it('recognises every fixture of its own folder', () => {
    const folder = join(FIXTURES, 'eventviewer-xml');
    const files = readdirSync(folder).filter((name) => name.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const name of files) expect(eventViewerXml.detect(decodeFile(join(folder, name)), context), name).toBe(0.98);
  });

  it('is fairly sure about an empty export and an un-namespaced <Event> with a <System> child', () => {
    expect(eventViewerXml.detect('<?xml version="1.0"?>\n<Events>\n</Events>\n', context)).toBe(0.9);
    expect(eventViewerXml.detect('<Events/>', context)).toBe(0.9);
    expect(eventViewerXml.detect('<Event>\n  <System><EventID>1</EventID></System></Event>', context)).toBe(0.9);
  });

  it('says 0 for other XML, look-alike names, and text', () => {
    for (const sample of [
      '<?xml version="1.0"?><root><Event xmlns="' + NS + '"/></root>',
      '<Events><Item/></Events>',
      '<EventData><Data>1</Data></EventData>',
      '<EventLog name="x"/>',
      '<Event><Title>a party</Title></Event>',
      '<?xml version="1.0"',
      '{"Event":{"System":{}}}',
      '2025-12-09 17:37:32 <Event xmlns="' + NS + '">',
      '',
    ]) {
      expect(eventViewerXml.detect(sample, context), sample).toBe(0);
    }
  });

  it("says 0 for every other format's fixtures", () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'eventviewer-xml');
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) {
      for (const name of readdirSync(join(FIXTURES, folder.name)).filter((file) => !file.endsWith('.expected.jsonl'))) {
        const sample = decodeFile(join(FIXTURES, folder.name, name)).slice(0, 65536);
        expect(eventViewerXml.detect(sample, context), `${folder.name}/${name}`).toBe(0);
      }
    }
  });
});

describe('eventviewer-xml field mapping', () => {
  it('maps the MSExchangeMTA 9221 warning of an Event Viewer export', async () => {
    const text = decodeFile(join(FIXTURES, 'eventviewer-xml', 'eventviewer-save-as-xml-utf16.xml'));
    const { events } = await parse(text);
    const { raw, ...mta } = events[0]!;
    expect(mta).toEqual({
      time: Date.UTC(2025, 11, 9, 17, 41, 5, 814),
      level: 'warning',
      provider: 'MSExchangeMTA',
      eventId: 9221,
      category: 'Interface',
      computer: 'EXCH01.contoso.local',
      user: null,
      channel: 'Application',
      recordId: 184215,
      message: 'A sockets error 10054 on a WSARecvEx() call was detected. The MTA will attempt to recover the connection.',
      data: { '%1': '10054', '%2': 'WSARecvEx', Qualifiers: '32768', ProcessID: '0', ThreadID: '0' },
      line: 3,
    });
    expect(raw.startsWith('<Event ') && raw.endsWith('</Event>')).toBe(true);
    expect(text).toContain(raw);
  });

  it('maps Level numbers, and prefers audit keywords over them', async () => {
    const levelOf = async (system: string): Promise<string> => (await only(event(system))).level;
    expect(await levelOf('<Level>0</Level>')).toBe('information');
    expect(await levelOf('<Level>1</Level>')).toBe('critical');
    expect(await levelOf('<Level>2</Level>')).toBe('error');
    expect(await levelOf('<Level>3</Level>')).toBe('warning');
    expect(await levelOf('<Level>4</Level>')).toBe('information');
    expect(await levelOf('<Level>5</Level>')).toBe('verbose');
    expect(await levelOf('<Level>0</Level><Keywords>0x8010000000000000</Keywords>')).toBe('audit-failure');
    expect(await levelOf('<Level>0</Level><Keywords>0x8020000000000000</Keywords>')).toBe('audit-success');
    expect(await levelOf('<Level>4</Level><Keywords>0x80000000000000</Keywords>')).toBe('information');
    expect(await levelOf('<Level>x</Level>')).toBe('unknown');
    expect(await levelOf('')).toBe('unknown');
  });

  it('falls back to the rendered level and keyword names', async () => {
    const rendered = (inner: string): string => `<RenderingInfo Culture='en-US'>${inner}</RenderingInfo>`;
    expect((await only(event('<Level>16</Level>', rendered('<Level>Error</Level>')))).level).toBe('error');
    expect((await only(event('', rendered('<Level>Warning</Level>')))).level).toBe('warning');
    const audit = rendered('<Level>Information</Level><Keywords><Keyword>Classic</Keyword><Keyword>Audit Failure</Keyword></Keywords>');
    expect((await only(event('<Level>0</Level>', audit))).level).toBe('audit-failure');
  });

  it('keeps insertion strings as an array when nothing is named', async () => {
    const parsed = await only(event('<Level>2</Level>', '<EventData><Data>a</Data><Data></Data><Data> b </Data></EventData>'));
    expect(parsed.data).toEqual(['a', '', ' b ']);
    expect(parsed.message).toBe('Message not available — insertion strings: a; ;  b ');
  });

  it('names positional strings %n by place when anything is named, and keeps Binary', async () => {
    const body = "<EventData><Data Name='First'>1</Data><Data>two</Data><Data Name='First'>3</Data><Binary>0A0B</Binary></EventData>";
    const parsed = await only(event("<Execution ProcessID='4' ThreadID='8'/>", body));
    expect(parsed.data).toEqual({ First: '1', '%2': 'two', 'First#2': '3', Binary: '0A0B', ProcessID: '4', ThreadID: '8' });
    expect(parsed.message).toBe('Message not available — insertion strings: First=1; two; First=3');
  });

  it('flattens <UserData> into named fields', async () => {
    const body =
      "<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'>" +
      '<SubjectUserName>admin</SubjectUserName><Client><Address Port="25">10.0.0.1</Address></Client><Param Name="Mode">full</Param>' +
      '</LogFileCleared></UserData>';
    const parsed = await only(event('', body));
    expect(parsed.data).toEqual({ SubjectUserName: 'admin', 'Client.Address': '10.0.0.1', 'Client.Address@Port': '25', Mode: 'full' });
    expect(parsed.message).toContain('SubjectUserName=admin; Client.Address=10.0.0.1');
  });

  it('reads System fields, a task name over its number, and says so when there is nothing to show', async () => {
    const system =
      "<Level>4</Level><Task>104</Task><TimeCreated SystemTime='2020-02-18T02:52:37.121198612Z'/><EventRecordID>42</EventRecordID>" +
      "<Channel>Security</Channel><Computer>DC1</Computer><Security UserID='S-1-5-18'/>";
    const parsed = await only(event(system));
    expect(parsed).toMatchObject({ time: Date.UTC(2020, 1, 18, 2, 52, 37, 121), recordId: 42, channel: 'Security', computer: 'DC1', user: 'S-1-5-18' });
    expect(parsed.category).toBe('104');
    expect(parsed.message).toBe('Message not available — no insertion strings');
    expect(parsed.data).toBeNull();
    const named = await only(event('<Task>104</Task>', '<RenderingInfo><Task>Log clear</Task><Message>\r\n  Cleared.\r\n</Message></RenderingInfo>'));
    expect(named.category).toBe('Log clear');
    expect(named.message).toBe('Cleared.');
    expect((await only(event('<Task>0</Task>'))).category).toBeNull();
  });

  it('takes EventSourceName when the provider has no Name, and tolerates a bare <Event/>', async () => {
    const parsed = await only(`<Event xmlns='${NS}'><System><Provider EventSourceName='MSExchangeIS'/></System></Event>`);
    expect(parsed.provider).toBe('MSExchangeIS');
    expect(await only(`<Event xmlns='${NS}'/>`)).toMatchObject({ time: null, provider: null, eventId: null, level: 'unknown', data: null });
  });

  it('decodes the five entities and character references once, and nothing else', async () => {
    const body = '<EventData><Data>&lt;a&gt; &amp;amp; &quot;&apos; &#65;&#x42;&#10;&amp;#10; &#0; &nbsp; &#xD800;</Data></EventData>';
    expect((await only(event('', body))).data).toEqual(['<a> &amp; "\' AB\n&#10; &#0; &nbsp; &#xD800;']);
  });

  it('keeps CDATA text in place and undecoded', async () => {
    const body = '<EventData><Data>a &amp; <![CDATA[<b> &amp; </Event>]]> c</Data></EventData>';
    expect((await only(event('', body))).data).toEqual(['a & <b> &amp; </Event> c']);
  });

  it('turns malformed and hostile elements into unparsed rows with the reason', async () => {
    const { events, unparsed } = await parse(
      [
        `<Event xmlns='${NS}'><System><EventID>1</EventID></Sytem></Event>`,
        `<Event><!DOCTYPE x [<!ENTITY a "b">]><System>&a;</System></Event>`,
        `<Event><__proto__><x>1</x></__proto__></Event>`,
        `<Event><System a='1' a='2'/></Event>`,
        event('', "<EventData><Data Name='__proto__'>kept</Data></EventData>"),
      ].join('\n'),
    );
    expect(unparsed.map((row) => row.line)).toEqual([1, 2, 3, 4]);
    expect(unparsed[0]!.reason).toMatch(/^malformed XML at line 1, column \d+ of the event: .*closing tag 'Sytem'/);
    expect(unparsed[1]!.reason).toBe('malformed XML: a DOCTYPE or ENTITY declaration inside an event');
    expect(unparsed[2]!.reason).toMatch(/^malformed XML: .*__proto__/);
    expect(unparsed[3]!.reason).toMatch(/^malformed XML at line 1, column \d+ of the event: Attribute 'a' is repeated/);
    expect(events).toHaveLength(1);
    expect(Object.getPrototypeOf(events[0]!.data)).toBe(Object.prototype);
    expect(Object.entries(events[0]!.data ?? {})).toEqual([['__proto__', 'kept']]);
  });
});
