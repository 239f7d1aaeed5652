import { describe, expect, it } from 'vitest';
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { countNonBlankLines } from '../ingest/line-accounting';
import type { ParseContext } from './format';
import { plainText } from './plain-text';
import { otherFormatsFixtures } from './fixture-samples';
import { MAX_ENTRY_LINES, syslog } from './syslog';

const utc = (text: string) => Date.parse(text);
/** A fixed modification time, so that yearless entries resolve the same way every run. */
const MODIFIED = utc('2026-11-26T06:00:00Z');

function context(options: ParseContext['options'] = {}, modifiedTime = MODIFIED): ParseContext {
  return { fileName: 'messages', modifiedTime, options };
}

async function parse(chunks: string[], ctx = context()) {
  const events: ParsedEvent[] = [];
  const unparsed: UnparsedRow[] = [];
  let skipped = 0;
  async function* source(): AsyncGenerator<string> {
    yield* chunks;
  }
  await syslog.parse(source(), { event: (e) => events.push(e), unparsed: (r) => unparsed.push(r), skipped: (n) => (skipped += n) }, ctx);
  const accounted = [...events, ...unparsed].reduce((sum, entry) => sum + countNonBlankLines(entry.raw), 0) + skipped;
  return { events, unparsed, lostLines: countNonBlankLines(chunks.join('')) - accounted };
}

/** Every fixture of another format, decoded the way the pipeline decodes a detection sample. */
describe('syslog.detect', () => {
  it('is sure of RFC 3164, RFC 5424, rsyslog and ChromeOS files', () => {
    const samples = [
      'Nov  3 09:23:38 veridian automount[7998]: lookup failed\nNov  3 09:47:02 veridian sudo: timstack : TTY=pts/6\n',
      '<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - failed\n<13>1 - - - - - - nil\n',
      '2020-05-31T00:00:45.738158+00:00 localhost systemd[1]: Reloaded.\n2020-05-31T00:00:46.599903+00:00 localhost CRON[9]: (root) CMD\n',
      '2016-10-25T12:37:23.297265-07:00 INFO periodic_scheduler[13707]: cleanup_logs: job completed\n',
      '<15>Mar  6 04:07:23 hostname log_tag this is debug\n',
    ];
    for (const sample of samples) expect(syslog.detect(sample, context())).toBeGreaterThanOrEqual(0.85);
  });

  it('outbids plain text on ISO-timestamped syslog', () => {
    const sample = '2015-03-12T15:12:33.123456+01:00 EXCH01 sshd[99]: Accepted publickey\n'.repeat(20);
    expect(plainText.detect(sample, context())).toBeCloseTo(0.7);
    expect(syslog.detect(sample, context())).toBeGreaterThan(0.85);
  });

  it('tolerates a short header and multi-line messages', () => {
    const header = 'Header1: abc\nHeader2: def\nNov  3 09:23:38 veridian automount[7998]: x\nNov  3 09:23:39 veridian automount[7998]: y\n';
    expect(syslog.detect(header, context())).toBeGreaterThanOrEqual(0.85);
    const multiline = 'Aug 16 00:32:15 Tims-Air syslogd[314]: Configuration Notice:\n\tASL Module claims\n\tThose messages\n';
    expect(syslog.detect(multiline, context())).toBeGreaterThanOrEqual(0.85);
  });

  it('says 0 for every fixture of the other formats', () => {
    const fixtures = otherFormatsFixtures('syslog');
    expect(fixtures.length).toBeGreaterThan(3);
    for (const { file, sample } of fixtures) expect([file, syslog.detect(sample, context())]).toEqual([file, 0]);
  });

  it('says 0 for application logs, chat logs, JSON and empty files', () => {
    const samples = [
      '',
      '2024-01-01T10:00:00Z Error: disk full\n2024-01-01T10:00:01Z Started worker\n',
      '2022-06-02T11:58:12.193Z info vpxd[45715] [Originator@6876 sub=vpxLro] -- BEGIN\n',
      '2025-01-24T07:00:30,139 INFO [main] FarmApplication : Starting\n',
      '**** BEGIN LOGGING AT Mon Dec 31 21:11:55 2011\ndec 31 21:11:55 --> You are now talking\ndec 31 21:11:58 <fpi> ola\n',
      '{"timestamp":"2007-11-03 06:24:38.000","message":"Nov  3 09:23:38 veridian automount[7998]: x"}\n',
      '#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip\n2025-01-01 00:00:00 10.0.0.1\n',
    ];
    for (const sample of samples) expect([sample, syslog.detect(sample, context())]).toEqual([sample, 0]);
  });

  it('does not claim a long text log that merely contains one syslog line', () => {
    const sample = `${'plain text line without a time\n'.repeat(40)}Nov  3 09:23:38 veridian automount[7998]: x\n`;
    expect(syslog.detect(sample, context())).toBeLessThan(0.2);
  });
});

describe('syslog.parse', () => {
  it('maps RFC 3164 fields and infers the year from the modification time', async () => {
    const { events, lostLines } = await parse(['Nov  3 09:23:38 veridian automount[7998]: lookup failed\n']);
    expect(events).toEqual([
      {
        time: utc('2026-11-03T09:23:38Z'),
        level: 'information',
        provider: 'automount',
        eventId: null,
        category: null,
        computer: 'veridian',
        user: null,
        channel: null,
        recordId: null,
        message: 'lookup failed',
        data: { pid: '7998' },
        raw: 'Nov  3 09:23:38 veridian automount[7998]: lookup failed',
        line: 1,
      },
    ]);
    expect(lostLines).toBe(0);
  });

  it('maps every PRI severity to a level, and the facility to the category', async () => {
    const lines = [0, 1, 2, 3, 4, 5, 6, 7].map((severity) => `<${4 * 8 + severity}>Nov  3 09:23:38 host app: s${severity}\n`);
    const { events } = await parse(lines);
    expect(events.map((e) => e.level)).toEqual(['critical', 'critical', 'critical', 'error', 'warning', 'information', 'information', 'verbose']);
    expect(events.map((e) => e.category)).toEqual(Array(8).fill('auth'));
    expect(events[3]?.data).toEqual({ facility: 'auth', severity: 'err' });
    const local7 = await parse(['<191>1 2025-01-01T00:00:00Z h a - - - debug\n']);
    expect(local7.events[0]).toMatchObject({ category: 'local7', level: 'verbose' });
  });

  it('reads levels from words when there is no PRI', async () => {
    const { events } = await parse([
      'Feb 26 19:11:56 secd[1] <Error> [user{} ]: handler\n',
      'Mar 11 09:00:00 host sshd[3]: error: Could not load host key\n',
      'Mar 11 09:00:01 host app[3]: (unity-music-daemon:27902): unity-music-daemon-WARNING\n',
      'Mar 11 09:00:02 host cron[3]: (CRON) INFO (pidfile fd = 3)\n',
      'Mar 11 09:00:03 host app[3]: Error while parsing is not a level\n',
      '2016-10-25T12:37:24.987014-07:00 DEBUG kernel: [  316.559919] wlan0\n',
    ]);
    expect(events.map((e) => e.level)).toEqual(['error', 'error', 'warning', 'information', 'information', 'verbose']);
  });

  it('maps RFC 5424 fields, structured data and NILVALUEs', async () => {
    const { events } = await parse([
      '<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 ID47 [ex@32473 iut="3" eventSource="App"] msg\n',
      '<13>1 - - - - - -\n',
    ]);
    expect(events[0]).toMatchObject({
      time: utc('2003-08-24T12:14:15Z'),
      level: 'information',
      provider: 'myproc',
      computer: '192.0.2.1',
      category: 'local4',
      message: 'msg',
      data: {
        facility: 'local4',
        severity: 'notice',
        pid: '8710',
        msgid: 'ID47',
        structuredData: '[ex@32473 iut="3" eventSource="App"]',
        'ex@32473.iut': '3',
        'ex@32473.eventSource': 'App',
      },
    });
    expect(events[1]).toMatchObject({ time: null, provider: null, computer: null, message: '', data: { facility: 'user', severity: 'notice' } });
  });

  it('keeps hostile structured-data names as plain keys', async () => {
    const { events } = await parse(['<13>1 - h a - - [__proto__ polluted="yes"] x\n']);
    const data = events[0]?.data as Record<string, string>;
    expect(data['__proto__.polluted']).toBe('yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('applies the time zone to zone-less times only', async () => {
    const options = { timeZone: 'Europe/Berlin' };
    const { events } = await parse(
      ['Jul  1 12:00:00 host app: bsd\n', '2025-07-01T12:00:00 host app: iso without zone\n', '2025-07-01T12:00:00+05:00 host app: zoned\n'],
      context(options),
    );
    expect(events.map((e) => e.time)).toEqual([utc('2026-07-01T10:00:00Z'), utc('2025-07-01T10:00:00Z'), utc('2025-07-01T07:00:00Z')]);
  });

  it('advances the year across December → January', async () => {
    const { events } = await parse(
      ['Dec 31 23:59:59 host app: old year\n', 'Jan  1 00:00:01 host app: new year\n'],
      context({}, utc('2026-01-02T00:00:00Z')),
    );
    expect(events.map((e) => e.time)).toEqual([utc('2025-12-31T23:59:59Z'), utc('2026-01-01T00:00:01Z')]);
  });

  it('gives 29 February no time in a common year, keeping the entry', async () => {
    const { events, lostLines } = await parse(['Jan 22 07:52:33 host app: a\nFeb 29 01:15:43 host app: leap\n']);
    expect(events.map((e) => e.time)).toEqual([utc('2026-01-22T07:52:33Z'), null]);
    expect(events[1]?.message).toBe('leap');
    expect(lostLines).toBe(0);
  });

  it('appends continuation lines to the entry above, keeping inner blank lines only', async () => {
    const text = 'Aug 16 00:32:15 Tims-Air syslogd[314]: Configuration Notice:\n\tASL Module\n\n \n\tThose messages\n\n\nAug 16 00:32:16 Tims-Air x[1]: next\n\n';
    const { events, lostLines } = await parse([text]);
    expect(events.map((e) => e.raw)).toEqual([
      'Aug 16 00:32:15 Tims-Air syslogd[314]: Configuration Notice:\n\tASL Module\n\n \n\tThose messages',
      'Aug 16 00:32:16 Tims-Air x[1]: next',
    ]);
    expect(events[0]?.message).toBe('Configuration Notice:\n\tASL Module\n\n \n\tThose messages');
    expect(events.map((e) => e.line)).toEqual([1, 8]);
    expect(lostLines).toBe(0);
  });

  it('starts the message with the continuation when the first line has none', async () => {
    const { events } = await parse(['Aug 16 00:32:15 host app:\n  the message\n']);
    expect(events[0]?.message).toBe('  the message');
  });

  it('keeps lines before the first entry as unparsed rows', async () => {
    const { events, unparsed, lostLines } = await parse(['Header1: abc\r\nHeader2: def\r\nNov  3 09:23:38 veridian sudo: x\r\n']);
    expect(unparsed).toEqual([
      { raw: 'Header1: abc', line: 1, reason: 'text before the first syslog entry' },
      { raw: 'Header2: def', line: 2, reason: 'text before the first syslog entry' },
    ]);
    expect(events).toHaveLength(1);
    expect(lostLines).toBe(0);
  });

  it('gives the same entries however the text is cut into chunks', async () => {
    const text = '<14>Nov  3 09:23:38 veridian automount[7998]: a\n\tmore\r\nNov  3 09:23:39 veridian b[1]: c\rNov  3 09:23:40 h d: e';
    const whole = await parse([text]);
    for (const size of [1, 3, 7, 16]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const cut = await parse(chunks);
      expect(cut.events).toEqual(whole.events);
      expect(cut.lostLines).toBe(0);
    }
    expect(whole.events).toHaveLength(3);
  });

  it('closes an over-long entry and reports the rest of its lines as unparsed', async () => {
    const text = `Nov  3 09:23:38 host app: start\n${'  more\n'.repeat(MAX_ENTRY_LINES + 5)}Nov  3 09:23:39 host app: next\n`;
    const { events, unparsed, lostLines } = await parse([text]);
    expect(events).toHaveLength(2);
    expect(countNonBlankLines(events[0]!.raw)).toBe(MAX_ENTRY_LINES);
    expect(unparsed).toHaveLength(6);
    expect(unparsed[0]?.reason).toContain('continues an entry');
    expect(lostLines).toBe(0);
  });

  it('never throws on hostile or binary input, and loses no line', async () => {
    let noise = '';
    for (let i = 0; i < 5000; i++) noise += String.fromCharCode((i * 7919) % 0x3000);
    const inputs = [noise, '<999>1 x\n<>\n<1>\n<13>1 2025-01-01T00:00:00Z\n[[[[\n', `Nov  3 09:23:38 h a: ${'x'.repeat(100_000)}\n`];
    for (const input of inputs) {
      const { lostLines } = await parse([input]);
      expect(lostLines).toBe(0);
    }
  });
});
