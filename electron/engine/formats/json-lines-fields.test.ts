import { describe, expect, it } from 'vitest';
import { parseOne } from './json-lines-test-helpers';

const iso = (time: number | null): string | null => (time === null ? null : new Date(time).toISOString());

describe('JSON lines: Windows events', () => {
  it('maps nxlog im_msvistalog fields; a negative decimal Keywords mask marks the audit failure', async () => {
    const event = await parseOne(
      // The mask as nxlog writes it: a signed 64-bit integer, more digits than a double holds.
      JSON.stringify({
        EventTime: '2024-03-14 09:15:02', Hostname: 'EXCH01', Keywords: 'MASK',
        SeverityValue: 4, Severity: 'ERROR', EventID: 4625, SourceName: 'Microsoft-Windows-Security-Auditing', Task: 12544,
        RecordNumber: 881234, Channel: 'Security', Message: 'An account failed to log on.\r\n', Category: 'Logon',
        TargetUserName: 'administrator', Domain: 'NT AUTHORITY', AccountName: 'SYSTEM',
      }).replace('"MASK"', '-9218868437227405312'),
      { timeZone: '+01:00' },
    );
    expect(event).toMatchObject({
      level: 'audit-failure', provider: 'Microsoft-Windows-Security-Auditing', eventId: 4625, category: 'Logon',
      computer: 'EXCH01', user: 'NT AUTHORITY\\SYSTEM', channel: 'Security', recordId: 881234, message: 'An account failed to log on.',
    });
    // nxlog writes local time without a zone: the user's zone applies.
    expect(iso(event.time)).toBe('2024-03-14T08:15:02.000Z');
    expect(event.data).toMatchObject({ TargetUserName: 'administrator', Keywords: '-9218868437227405312' });
    expect(event.data).not.toHaveProperty('Message');
  });

  it('reads the Level/Keywords shape (OTRF export): hex keywords, numeric strings, task number as category', async () => {
    const base = { SourceName: 'Microsoft-Windows-Security-Auditing', Channel: 'Security', Hostname: 'MXS01', EventID: 4624, Message: 'm' };
    const success = await parseOne(JSON.stringify({ ...base, Level: '0', Keywords: '0x8020000000000000', Task: '12544', TimeCreated: '2021-03-14T01:39:59.076Z' }));
    expect(success).toMatchObject({ level: 'audit-success', category: '12544', eventId: 4624 });
    expect(iso(success.time)).toBe('2021-03-14T01:39:59.076Z');
    const warning = await parseOne(JSON.stringify({ ...base, Level: '3', Keywords: '0x80000000000000', Task: '0' }));
    expect(warning).toMatchObject({ level: 'warning', category: null });
    const logAlways = await parseOne(JSON.stringify({ ...base, Level: 0, Keywords: '0x8000000000000000' }));
    expect(logAlways.level).toBe('information');
  });

  it('maps winlogbeat/ECS events and names event data by its bare name', async () => {
    const event = await parseOne(
      JSON.stringify({
        '@timestamp': '2022-11-25T20:10:35.544Z', message: 'An account was logged off.', log: { level: 'information' },
        host: { name: 'regina' }, event: { code: '4634', provider: 'Microsoft-Windows-Security-Auditing' },
        winlog: {
          channel: 'Security', computer_name: 'regina.example.org', event_id: '4634', record_id: 6170175, task: 'Logoff',
          keywords: ['Audit Success'], provider_name: 'Microsoft-Windows-Security-Auditing',
          event_data: { TargetUserName: 'REGINA$', LogonType: '3' }, user: { identifier: 'S-1-5-18', name: 'SYSTEM', domain: 'NT AUTHORITY' },
        },
      }),
    );
    expect(event).toMatchObject({
      level: 'audit-success', eventId: 4634, provider: 'Microsoft-Windows-Security-Auditing', category: 'Logoff',
      computer: 'regina.example.org', user: 'NT AUTHORITY\\SYSTEM', channel: 'Security', recordId: 6170175, message: 'An account was logged off.',
    });
    expect(event.data).toMatchObject({ TargetUserName: 'REGINA$', LogonType: '3', 'winlog.user.identifier': 'S-1-5-18' });
    expect(iso(event.time)).toBe('2022-11-25T20:10:35.544Z');
  });

  it('maps PowerShell Get-WinEvent objects (/Date()/ times, LevelDisplayName, UserId.Value)', async () => {
    const event = await parseOne(
      JSON.stringify({
        Id: 7031, Level: 2, ProviderName: 'Service Control Manager', LogName: 'System', MachineName: 'EXCH01', RecordId: 20455,
        UserId: { Value: 'S-1-5-18' }, TimeCreated: '/Date(1710408011123)/', LevelDisplayName: 'Error', TaskDisplayName: null,
        Message: 'The Microsoft Exchange Transport service terminated unexpectedly.',
      }),
    );
    expect(event).toMatchObject({ level: 'error', eventId: 7031, channel: 'System', computer: 'EXCH01', recordId: 20455, user: 'S-1-5-18' });
    expect(iso(event.time)).toBe('2024-03-14T09:20:11.123Z');
  });

  it('shows the event data as the message of a Windows event shipped without one', async () => {
    const event = await parseOne(
      JSON.stringify({
        '@timestamp': '2024-03-14T08:31:47.005Z', event: { code: '4999', provider: 'MSExchange Common' }, host: { name: 'EXCH01' },
        log: { level: 'error' }, winlog: { channel: 'Application', event_id: 4999, provider_name: 'MSExchange Common', event_data: { param1: 'Watson report', param2: 'w3wp' } },
      }),
    );
    expect(event).toMatchObject({ level: 'error', eventId: 4999, message: 'param1="Watson report" param2=w3wp' });
    const powershell = await parseOne('{"Id":1,"ProviderName":"P","LogName":"Application","Message":null,"Properties":[{"Value":"a"}]}');
    expect(powershell.message).toBe('Properties.0.Value=a');
  });

  it('does not take an object for a Windows event without a provider', async () => {
    const event = await parseOne('{"EventID": 4624, "Channel": "Security", "Level": "2", "msg": "x"}');
    expect(event.level).toBe('unknown');
    expect(event.eventId).toBe(4624);
  });
});

describe('JSON lines: other loggers', () => {
  it('maps bunyan numbers, pino times and words, and keeps every field in data', async () => {
    const bunyan = await parseOne('{"name":"renovate","hostname":"h1","pid":7,"level":50,"msg":"failed","time":"2023-03-24T14:26:16.243Z","v":0,"src":{"line":20}}');
    expect(bunyan).toMatchObject({ level: 'error', provider: 'renovate', computer: 'h1', message: 'failed' });
    expect(bunyan.data).toEqual({ name: 'renovate', hostname: 'h1', pid: '7', level: '50', time: '2023-03-24T14:26:16.243Z', v: '0', 'src.line': '20' });
    const pino = await parseOne('{"level":"warn","time":1745532517537,"service.name":"payment","msg":"slow"}');
    expect(pino).toMatchObject({ level: 'warning', provider: 'payment', message: 'slow' });
    expect(iso(pino.time)).toBe('2025-04-24T22:08:37.537Z');
    expect((await parseOne('{"level":60,"msg":"x"}')).level).toBe('critical');
  });

  it('reads ECS dotted keys, nested or literal', async () => {
    const event = await parseOne('{"@timestamp":"2025-01-13T09:58:13.631Z","log.level":"debug","message":"m","log":{"logger":"app"},"host":{"hostname":"web1"}}');
    expect(event).toMatchObject({ level: 'verbose', provider: 'app', computer: 'web1', message: 'm' });
  });

  it('maps journald (microsecond string times, syslog PRIORITY) and Docker json-file logs', async () => {
    const journald = await parseOne('{"__REALTIME_TIMESTAMP":"1534860261221373","PRIORITY":"4","_HOSTNAME":"box","SYSLOG_IDENTIFIER":"sshd","MESSAGE":"hi"}');
    expect(journald).toMatchObject({ level: 'warning', computer: 'box', provider: 'sshd', message: 'hi' });
    expect(iso(journald.time)).toBe('2018-08-21T14:04:21.221Z');
    const docker = await parseOne('{"log":"ls\\r\\n","stream":"stderr","time":"2016-01-07T16:49:10.237222729Z"}');
    expect(docker).toMatchObject({ message: 'ls', category: 'stderr' });
    expect(iso(docker.time)).toBe('2016-01-07T16:49:10.237Z');
  });

  it('leaves numbers in fields with no known scale alone, and strips numbered debug levels', async () => {
    expect((await parseOne('{"lvl":10,"msg":"x"}')).level).toBe('unknown');
    expect((await parseOne('{"lvl":"DEBUG5","msg":"x"}')).level).toBe('verbose');
    expect((await parseOne('{"lvl":"STATS","msg":"x"}')).level).toBe('unknown');
    expect((await parseOne('{"@fields":{"lvl":"ERROR","msg":"nested"}}')).message).toBe('nested');
  });

  it('renders a message from the other fields when there is none, leading with what happened', async () => {
    const trail = await parseOne('{"eventVersion":"1.08","eventTime":"2022-02-07T22:23:37Z","eventSource":"ec2.amazonaws.com","eventName":"StopInstances","awsRegion":"ap-southeast-2","userIdentity":{"userName":"bob"}}');
    expect(trail).toMatchObject({ provider: 'ec2.amazonaws.com', user: 'bob', message: 'eventName=StopInstances eventVersion=1.08 awsRegion=ap-southeast-2' });
    const quoted = await parseOne('{"ts":1588205199.82437,"query":"a b","empty":""}');
    expect(quoted.message).toBe('query="a b" empty=""');
    expect(iso(quoted.time)).toBe('2020-04-30T00:06:39.824Z');
  });
});

describe('JSON lines: numbers', () => {
  it('keeps every digit of integers too long for a double, and only those', async () => {
    const event = await parseOne('{"msg":"x","big":-9214364837600034817,"frac":0.12345678901234567890,"exp":12345678901234567e3,"s":"12345678901234567890","ok":9007199254740991}');
    expect(event.data).toEqual({ big: '-9214364837600034817', frac: '0.12345678901234568', exp: '12345678901234567000', s: '12345678901234567890', ok: '9007199254740991' });
  });
});

describe('JSON lines: times', () => {
  const timeOf = async (value: string, timeZone?: string): Promise<string | null> => iso((await parseOne(`{"time":${value},"msg":"x"}`, { timeZone })).time);

  it('decides epoch units by magnitude and rejects implausible numbers', async () => {
    expect(await timeOf('1700000000')).toBe('2023-11-14T22:13:20.000Z');
    expect(await timeOf('1700000000123')).toBe('2023-11-14T22:13:20.123Z');
    expect(await timeOf('1700000000123456')).toBe('2023-11-14T22:13:20.123Z');
    expect(await timeOf('"1700000000123456789"')).toBe('2023-11-14T22:13:20.123Z');
    expect(await timeOf('5')).toBeNull();
  });

  it('applies the user’s zone only to zone-less times', async () => {
    expect(await timeOf('"2024-07-01T12:00:00"', 'Europe/Berlin')).toBe('2024-07-01T10:00:00.000Z');
    expect(await timeOf('"2024-07-01T12:00:00+02:00"', 'UTC')).toBe('2024-07-01T10:00:00.000Z');
    expect(await timeOf('"2022-02-08 09:23:37+11:00"')).toBe('2022-02-07T22:23:37.000Z');
    expect(await timeOf('{"$date":"2024-07-01T12:00:00Z"}')).toBe('2024-07-01T12:00:00.000Z');
    expect(await timeOf('{"$date":{"$numberLong":"1700000000123"}}')).toBe('2023-11-14T22:13:20.123Z');
    expect(await timeOf('"Mon, 01 Jul 2024 12:00:00 GMT"')).toBe('2024-07-01T12:00:00.000Z');
    expect(await timeOf('"xxx"')).toBeNull();
  });

  it('finds a time under an unusual name when no usual one is there', async () => {
    const event = await parseOne('{"type":"PushEvent","created_at":"2024-01-01T15:00:00Z","uptime":5}');
    expect(iso(event.time)).toBe('2024-01-01T15:00:00.000Z');
    expect(event.category).toBe('PushEvent');
  });
});
