import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCommaValues, splitSpacedValues } from './w3c-fields';
import { w3cExtended } from './w3c';
import { parseW3c as parse, w3cTestContext as context } from './w3c-test-support';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'logs');

const IIS_FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const IIS_HEADER = ['#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', '#Date: 2025-03-14 00:00:01', IIS_FIELDS];
const IIS_LINE = '2025-03-14 08:15:02 10.0.0.21 GET /owa/ - 443 CONTOSO\\bob 10.0.0.1 Mozilla/5.0 - 302 0 0 12';

describe('w3cExtended.detect', () => {
  it('is sure of every W3C fixture', () => {
    const dir = join(FIXTURES, 'w3c');
    const files = readdirSync(dir).filter((name) => !/\.(expected\.jsonl|md)$/.test(name));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const name of files) expect(w3cExtended.detect(readFileSync(join(dir, name), 'utf8'), context()), name).toBe(0.95);
  });

  it('returns 0 for every other format’s fixtures', () => {
    const others = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'w3c');
    for (const dir of others) {
      for (const name of readdirSync(join(FIXTURES, dir.name)).filter((file) => !/\.(expected\.jsonl|md|mjs)$/.test(file))) {
        const sample = readFileSync(join(FIXTURES, dir.name, name), 'utf8').slice(0, 65536);
        expect(w3cExtended.detect(sample, context()), `${dir.name}/${name}`).toBe(0);
      }
    }
  });

  it('ignores # lines that are not W3C directives', () => {
    expect(w3cExtended.detect('#TYPE System.Diagnostics.EventLogEntry\n"Index","EntryType"\n', context())).toBe(0);
    expect(w3cExtended.detect('# Time: 2021-01-26T23:45:57Z\n# User@Host: root\n', context())).toBe(0);
    expect(w3cExtended.detect('#separator \\x09\n#fields\tts\tuid\n', context())).toBe(0);
    expect(w3cExtended.detect('2025-03-14 08:00:00 INFO started\n#Fields: date time\n', context())).toBe(0);
    expect(w3cExtended.detect('', context())).toBe(0);
  });

  it('is less sure without a #Fields directive', () => {
    expect(w3cExtended.detect('#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n', context())).toBe(0.8);
    expect(w3cExtended.detect('#Version: 1.0\n2025-03-14 08:00:00 x\n', context())).toBe(0.3);
  });

  it('finds #Fields after blank lines and vendor directives', () => {
    expect(w3cExtended.detect('\n#Version: 1.0\n\n#GMT-Offset: -0800\n#Fields: c-ip date time\n1.2.3.4 2001-10-31 00:00:18\n', context())).toBe(0.95);
  });
});

describe('splitting values', () => {
  it('reads quoted values, doubled quotes and W3C dashes', () => {
    expect(splitSpacedValues('a  "b c" - "-" "x ""y"" z" ""')).toEqual(['a', 'b c', '', '-', 'x "y" z', '']);
    expect(splitSpacedValues('OutlookSession="{A B}" tail')).toEqual(['OutlookSession="{A', 'B}"', 'tail']);
    expect(splitSpacedValues('"never closed value')).toEqual(['"never', 'closed', 'value']);
  });

  it('reads CSV lines and says when a quote continues on the next line', () => {
    expect(splitCommaValues('a,"b, c",,"d ""e"""')).toEqual({ values: ['a', 'b, c', '', 'd "e"'] });
    expect(splitCommaValues('a,"b')).toEqual({ unclosed: true });
  });
});

describe('w3cExtended.parse: IIS and HTTP.sys', () => {
  it('maps an IIS line: UTC time, status, user, server, summary and every field', async () => {
    const { events, skipped } = await parse([...IIS_HEADER, IIS_LINE].join('\r\n'), { timeZone: 'Europe/Berlin' });
    expect(skipped).toBe(4);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      time: Date.UTC(2025, 2, 14, 8, 15, 2),
      level: 'information',
      provider: 'IIS',
      eventId: 302,
      category: 'GET',
      computer: '10.0.0.21',
      user: 'CONTOSO\\bob',
      message: 'GET /owa/ 302 (12 ms) from 10.0.0.1',
      raw: IIS_LINE,
      line: 5,
    });
    expect(event!.data).toMatchObject({ 'cs-uri-query': '', 'cs(User-Agent)': 'Mozilla/5.0', 'time-taken': '12' });
    expect(Object.keys(event!.data!)).toHaveLength(15);
  });

  it('levels by status and shows IIS substatuses', async () => {
    const lines = [
      IIS_LINE.replace(' 302 0 0 12', ' 500 19 0 3'),
      IIS_LINE.replace(' 302 0 0 12', ' 401 1 5 4'),
      IIS_LINE.replace(' 302 0 0 12', ' - - - -'),
    ];
    const { events } = await parse([...IIS_HEADER, ...lines].join('\n'));
    expect(events.map((event) => [event.level, event.eventId])).toEqual([
      ['error', 500],
      ['warning', 401],
      ['information', null],
    ]);
    expect(events[0]!.message).toBe('GET /owa/ 500.19 (3 ms) from 10.0.0.1');
  });

  it('follows a new #Fields block after data, and reports lines that do not fit it', async () => {
    const text = [
      ...IIS_HEADER,
      IIS_LINE,
      '2025-03-14 08:15:03 10.0.0.21 GET /short',
      '#Software: Microsoft Internet Information Services 10.0',
      '#Date: 2025-03-14 09:00:00',
      '#Fields: date time c-ip cs-method cs-uri-stem sc-status',
      '2025-03-14 09:00:01 10.0.0.7 POST /ews/exchange.asmx 200',
    ].join('\n');
    const { events, unparsed, skipped } = await parse(text);
    expect(skipped).toBe(7);
    expect(unparsed).toEqual([
      { raw: '2025-03-14 08:15:03 10.0.0.21 GET /short', line: 6, reason: 'expected 15 fields from #Fields at line 4, found 5' },
    ]);
    expect(events.map((event) => event.message)).toEqual(['GET /owa/ 302 (12 ms) from 10.0.0.1', 'POST /ews/exchange.asmx 200 from 10.0.0.7']);
    expect(events[1]!.data).toEqual({ date: '2025-03-14', time: '09:00:01', 'c-ip': '10.0.0.7', 'cs-method': 'POST', 'cs-uri-stem': '/ews/exchange.asmx', 'sc-status': '200' });
  });

  it('takes the day of time-only lines from #Date, and rolls over at midnight', async () => {
    const text = [
      '#Software: Microsoft Internet Information Services 6.0',
      '#Date: 2013-07-30 00:00:00',
      '#Fields: time c-ip cs-method cs-uri-stem sc-status',
      '23:59:58 10.0.0.1 GET / 200',
      '00:00:03 10.0.0.1 GET / 200',
      '#Date: 2013-08-05 00:00:00',
      '10:00:00.250 10.0.0.1 GET / 200',
    ].join('\n');
    const { events } = await parse(text);
    expect(events.map((event) => event.time)).toEqual([
      Date.UTC(2013, 6, 30, 23, 59, 58),
      Date.UTC(2013, 6, 31, 0, 0, 3),
      Date.UTC(2013, 7, 5, 10, 0, 0, 250),
    ]);
  });

  it('keeps time-only lines untimed when no #Date says the day', async () => {
    const { events } = await parse('#Fields: time c-ip sc-status\n10:00:00 10.0.0.1 200\n');
    expect(events[0]).toMatchObject({ time: null, provider: 'W3C', eventId: 200 });
  });

  it('reads HTTPERR lines as HTTP.sys, grouped by reason', async () => {
    const text = [
      '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename',
      '2025-03-14 07:58:40 198.51.100.9 50112 10.0.0.21 443 - - - - - - Timer_ConnectionIdle -',
      '2025-03-14 07:58:41 198.51.100.9 50113 10.0.0.21 443 HTTP/1.1 GET /owa/ - 503 2 AppOffline MSExchangeOWAAppPool',
    ].join('\n');
    const { events } = await parse(text);
    expect(events.map((event) => [event.provider, event.level, event.category, event.message])).toEqual([
      ['HTTP.sys', 'information', 'Timer_ConnectionIdle', 'Timer_ConnectionIdle from 198.51.100.9'],
      ['HTTP.sys', 'error', 'AppOffline', 'GET /owa/ 503 AppOffline from 198.51.100.9'],
    ]);
  });

  it('applies the user’s zone to date-local/time-local and #GMT-Offset to Oracle logs', async () => {
    const local = await parse('#Fields: date-local time-local c-ip\n2012-08-15 17:00:00.363 1.2.3.4\n', { timeZone: '+02:00' });
    expect(local.events[0]!.time).toBe(Date.UTC(2012, 7, 15, 15, 0, 0, 363));
    const oracle = await parse('#GMT-Offset: -0800\n#Fields: c-ip date time\n1.2.3.4 2001-10-31 00:00:18\n', { timeZone: '+02:00' });
    expect(oracle.events[0]!.time).toBe(Date.UTC(2001, 9, 31, 8, 0, 18));
  });

  it('reports data before #Fields and unreadable dates as unparsed rows', async () => {
    const { unparsed, events } = await parse('#Version: 1.0\n10.0.0.1 GET /\n#Fields: date time c-ip\n2025-13-40 25:00:00 10.0.0.1\n');
    expect(events).toHaveLength(0);
    expect(unparsed.map((row) => [row.line, row.reason])).toEqual([
      [2, 'data line before any #Fields directive'],
      [4, 'unreadable date and time "2025-13-40 25:00:00"'],
    ]);
  });

  it('keeps hostile field names as plain fields', async () => {
    const { events } = await parse('#Fields: __proto__ constructor c-ip\nx y 10.0.0.1\n');
    const data = events[0]!.data as Record<string, string>;
    expect(Object.prototype.hasOwnProperty.call(data, '__proto__')).toBe(true);
    expect(data['__proto__']).toBe('x');
    expect(events[0]!.level).toBe('unknown');
    expect(events[0]!.message).toBe('x y 10.0.0.1');
  });

  it('never throws on binary garbage', async () => {
    const garbage = '#Fields: a b\n\u0000\u0001\u00ff "" """ \uFFFD\n#\n#Fields:\nq r\n';
    const { events, unparsed } = await parse(garbage);
    expect(events).toHaveLength(0);
    expect(unparsed.map((row) => row.reason)).toEqual(['expected 2 fields from #Fields at line 1, found 4', 'the #Fields directive at line 4 names no fields']);
  });
});

