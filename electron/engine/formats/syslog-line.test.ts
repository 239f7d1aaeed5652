import { describe, expect, it } from 'vitest';
import { parseSyslogLine } from './syslog-line';
import { parseStructuredData } from './syslog-rfc5424';

const utc = (text: string) => Date.parse(text);

describe('parseSyslogLine: RFC 3164 and traditional file formats', () => {
  it('splits host, tag, pid and message', () => {
    const parts = parseSyslogLine('Nov  3 09:23:38 veridian automount[7998]: lookup(file): lookup for foobar failed');
    expect(parts).toMatchObject({
      shape: 'bsd',
      priority: undefined,
      stamp: { kind: 'bsd', month: 11, day: 3, year: undefined, timeOfDayMs: (9 * 3600 + 23 * 60 + 38) * 1000 },
      host: 'veridian',
      tag: 'automount',
      pid: '7998',
      message: 'lookup(file): lookup for foobar failed',
      distinctive: true,
    });
  });

  it('reads a PRI, fractional seconds, a year and a single-digit day', () => {
    expect(parseSyslogLine('<38>Feb  6 15:16:30.250 victoria sshd[2085]: hello')).toMatchObject({
      priority: 38,
      stamp: { kind: 'bsd', month: 2, day: 6, timeOfDayMs: (15 * 3600 + 16 * 60 + 30) * 1000 + 250 },
      host: 'victoria',
      tag: 'sshd',
    });
    expect(parseSyslogLine('Mar  1 2021 12:00:00 host app: x')?.stamp).toMatchObject({ kind: 'bsd', year: 2021, month: 3 });
  });

  it('reads French and German month abbreviations', () => {
    expect(parseSyslogLine('août 19 11:08:37 nlaptop symphorien[4961]: test')?.stamp).toMatchObject({ month: 8, day: 19 });
    expect(parseSyslogLine('Dez 24 18:00:00 pc weihnacht: frohes Fest')?.stamp).toMatchObject({ month: 12 });
  });

  it('leaves a word without pid or colon in the message instead of calling it the tag', () => {
    const parts = parseSyslogLine("Jan 22 07:54:32 myhostname.myhost.com Job `cron.daily' terminated");
    expect(parts).toMatchObject({ host: 'myhostname.myhost.com', tag: undefined, message: "Job `cron.daily' terminated" });
    expect(parts?.distinctive).toBe(false);
  });

  it('knows lines without a host', () => {
    expect(parseSyslogLine('Nov 18 08:30:20 kernel: [997.390602] sda2: rw=0')).toMatchObject({
      host: undefined,
      tag: 'kernel',
      message: '[997.390602] sda2: rw=0',
    });
    expect(parseSyslogLine('Mar 11 09:39:39: --- last message repeated 5 times ---')).toMatchObject({
      host: undefined,
      tag: undefined,
      message: '--- last message repeated 5 times ---',
    });
    expect(parseSyslogLine('Mar 24 14:26:01 --- last message repeated 2 times ---')?.host).toBeUndefined();
  });

  it("reads macOS's <Level> after the tag", () => {
    expect(parseSyslogLine('Mar 11 19:26:45 osx-machine sockerfilterfw[1985] <Info>: launchd Allow')).toMatchObject({
      host: 'osx-machine',
      tag: 'sockerfilterfw',
      pid: '1985',
      levelWord: 'Info',
      message: 'launchd Allow',
    });
  });

  it('refuses lines that only resemble syslog', () => {
    expect(parseSyslogLine('MMM 22 07:54:32 myhostname anacron[29782]: Normal exit')).toBeUndefined();
    expect(parseSyslogLine('Nov 31 25:00:00 host app: bad hour')).toBeUndefined();
    expect(parseSyslogLine('<192>Nov  3 09:23:38 host app: PRI too large')).toBeUndefined();
    expect(parseSyslogLine('\tcontinuation of a message')).toBeUndefined();
    expect(parseSyslogLine('2009-07-20 22:59:27,672:DEBUG:Hello')).toBeUndefined();
    expect(parseSyslogLine('{"message":"Nov  3 09:23:38 veridian automount[7998]: x"}')).toBeUndefined();
  });
});

describe('parseSyslogLine: ISO timestamps (rsyslog FileFormat, ForwardFormat, ChromeOS)', () => {
  it('reads RSYSLOG_FileFormat with its zone', () => {
    const parts = parseSyslogLine('2015-03-12T15:12:33.123456+01:00 host1 systemd[1]: Started.');
    expect(parts).toMatchObject({ shape: 'iso', host: 'host1', tag: 'systemd', pid: '1', message: 'Started.', distinctive: true });
    expect(parts?.stamp).toEqual({ kind: 'iso', time: utc('2015-03-12T14:12:33.123Z'), hasZone: true });
  });

  it('reads ForwardFormat with a PRI before the time', () => {
    expect(parseSyslogLine('<30>2021-03-06T04:07:33.203756+00:00 hostname systemd[1]: Stopping')).toMatchObject({
      priority: 30,
      host: 'hostname',
      tag: 'systemd',
    });
  });

  it("takes ChromeOS's severity word instead of a host", () => {
    expect(parseSyslogLine('2016-10-25T12:37:25.007960-07:00 ERR kernel: [  316.578806] ath: phy0')).toMatchObject({
      host: undefined,
      levelWord: 'ERR',
      tag: 'kernel',
      distinctive: true,
    });
  });

  it('does not find syslog structure in application logs with ISO times', () => {
    // vpxd: a lower-case level word where the host would be.
    expect(parseSyslogLine('2022-06-02T11:58:12.193Z info vpxd[45715] [Originator@6876 sub=vpxLro]')?.distinctive).toBe(false);
    expect(parseSyslogLine('2024-01-01T10:00:00Z Error: disk full')?.distinctive).toBe(false);
    expect(parseSyslogLine('2020-08-06T14:25:02.835618Z 0 [Note] [MY-012487] [InnoDB] DDL log')?.distinctive).toBe(false);
    expect(parseSyslogLine('2016-12-19T16:31:46.725+0100: 1.595: [GC pause (G1 Evacuation Pause)')).toBeUndefined();
  });
});

describe('parseSyslogLine: RFC 5424', () => {
  it('reads every header field and the message', () => {
    const parts = parseSyslogLine('<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF\'su root\' failed');
    expect(parts).toMatchObject({
      shape: 'rfc5424',
      priority: 34,
      stamp: { kind: 'iso', time: utc('2003-10-11T22:14:15.003Z'), hasZone: true },
      host: 'mymachine.example.com',
      tag: 'su',
      pid: undefined,
      msgId: 'ID47',
      structuredData: undefined,
      message: "'su root' failed",
    });
  });

  it('reads NILVALUEs and structured data', () => {
    expect(parseSyslogLine('<13>1 - - - - - -')).toMatchObject({ stamp: { kind: 'none' }, host: undefined, tag: undefined, message: '' });
    const parts = parseSyslogLine('<165>1 2003-10-11T22:14:15.003Z host evntslog 12 ID47 [a@1 iut="3"][b@2 x="y"] text');
    expect(parts?.structuredData).toEqual({ text: '[a@1 iut="3"][b@2 x="y"]', params: [['a@1', 'iut', '3'], ['b@2', 'x', 'y']] });
    expect(parts?.message).toBe('text');
  });

  it('keeps malformed structured data as message text', () => {
    const parts = parseSyslogLine('<190>1 2025-06-01T10:00:01Z host relay - - [unterminated structured data');
    expect(parts?.structuredData).toBeUndefined();
    expect(parts?.message).toBe('[unterminated structured data');
  });

  it('falls back to the other shapes when the 5424 timestamp is not one', () => {
    expect(parseSyslogLine('<13>1 yesterday host app - - - text')).toBeUndefined();
  });
});

describe('parseStructuredData', () => {
  it('honours the escapes RFC 5424 defines', () => {
    const text = '[id k="a \\"b\\" \\] c\\\\ d \\x"] rest';
    expect(parseStructuredData(text)).toEqual({ end: text.indexOf(' rest'), params: [['id', 'k', 'a "b" ] c\\ d \\x']] });
  });

  it('rejects text that is not structured data', () => {
    expect(parseStructuredData('[id k="never closed')).toBeUndefined();
    expect(parseStructuredData('[id k=unquoted]')).toBeUndefined();
    expect(parseStructuredData('[id]junk')).toBeUndefined();
    expect(parseStructuredData('no brackets')).toBeUndefined();
  });
});
