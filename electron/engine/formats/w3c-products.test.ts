import { describe, expect, it } from 'vitest';
import { parseW3c as parse } from './w3c-test-support';

const FIREWALL_HEADER = [
  '#Version: 1.5',
  '#Software: Microsoft Windows Firewall',
  '#Time Format: Local',
  '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path',
];

const TRACKING_FIELDS =
  '#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version';
const TRACKING_HEADER = ['#Software: Microsoft Exchange Server', '#Version: 15.02.1544.004', '#Log-type: Message Tracking Log', TRACKING_FIELDS];

/** A tracking line with the given values in event-id, recipient-address, recipient-status, message-subject and sender-address. */
function trackingLine(eventId: string, recipient: string, status: string, subject: string, sender: string): string {
  const values = new Array<string>(30).fill('');
  values[0] = '2025-03-14T08:00:01.123Z';
  values[4] = 'EXCH01';
  values[7] = 'SMTP';
  values[8] = eventId;
  values[12] = recipient;
  values[13] = status;
  values[18] = subject;
  values[19] = sender;
  return values.join(',');
}

describe('w3cExtended.parse: Windows Firewall', () => {
  it('reads local times in the user’s zone and summarises connections', async () => {
    const text = [
      ...FIREWALL_HEADER,
      '2025-03-14 09:15:02 DROP TCP 10.0.0.5 10.0.0.9 51234 445 52 S 1234 0 64240 - - - RECEIVE',
      '2025-03-14 09:15:03 ALLOW ICMP fe80::1 fe80::2 - - 60 - - - - 8 0 - SEND',
      '2025-03-14 09:15:04 INFO-EVENTS-LOST - - - - - - - - - - - - 59 -',
    ].join('\r\n');
    const { events } = await parse(text, { timeZone: 'Europe/Berlin' });
    expect(events.map((event) => [event.time, event.level, event.category, event.message])).toEqual([
      [Date.UTC(2025, 2, 14, 8, 15, 2), 'warning', 'DROP', 'DROP TCP 10.0.0.5:51234 -> 10.0.0.9:445 (RECEIVE)'],
      [Date.UTC(2025, 2, 14, 8, 15, 3), 'information', 'ALLOW', 'ALLOW ICMP fe80::1 -> fe80::2 type 8 code 0 (SEND)'],
      [Date.UTC(2025, 2, 14, 8, 15, 4), 'warning', 'INFO-EVENTS-LOST', 'INFO-EVENTS-LOST: 59 events lost'],
    ]);
    expect(events[0]!.provider).toBe('Windows Firewall');
  });

  it('leaves times alone when the firewall says it wrote UTC', async () => {
    const text = [...FIREWALL_HEADER, '2025-03-14 09:15:02 DROP UDP 10.0.0.5 10.0.0.9 137 137 78 - - - - - - - RECEIVE']
      .join('\n')
      .replace('#Time Format: Local', '#Time Format: UTC');
    const { events } = await parse(text, { timeZone: 'Europe/Berlin' });
    expect(events[0]!.time).toBe(Date.UTC(2025, 2, 14, 9, 15, 2));
  });
});

describe('w3cExtended.parse: Exchange message tracking', () => {
  it('reads comma-separated lines with quoted commas and quotes', async () => {
    const text = [
      ...TRACKING_HEADER,
      trackingLine('FAIL', 'carol@contoso.example', '550 5.1.1 RESOLVER.ADR.RecipientNotFound; not found', '"Invoice 4711, March"', 'alice@fabrikam.example'),
      trackingLine('DEFER', 'dave@northwind.example;erin@northwind.example', '"451 4.4.0 ""421 Connection dropped"""', 'Lunch', 'bob@contoso.example'),
      trackingLine('DELIVER', 'bob@contoso.example', '', 'Hi', 'alice@fabrikam.example'),
    ].join('\r\n');
    const { events, unparsed } = await parse(text, { timeZone: 'Europe/Berlin' });
    expect(unparsed).toEqual([]);
    expect(events.map((event) => [event.level, event.category, event.message])).toEqual([
      ['error', 'FAIL', 'FAIL alice@fabrikam.example -> carol@contoso.example: 550 5.1.1 RESOLVER.ADR.RecipientNotFound; not found'],
      ['warning', 'DEFER', 'DEFER bob@contoso.example -> dave@northwind.example, erin@northwind.example: 451 4.4.0 "421 Connection dropped"'],
      ['information', 'DELIVER', 'DELIVER alice@fabrikam.example -> bob@contoso.example'],
    ]);
    expect(events[0]).toMatchObject({
      time: Date.UTC(2025, 2, 14, 8, 0, 1, 123),
      provider: 'MSExchange Message Tracking',
      channel: 'Message Tracking Log',
      user: 'alice@fabrikam.example',
      eventId: null,
    });
    // On the receiving side the logging server is "server-hostname"; an SMTP FAIL is on the sending side.
    expect(events[2]!.computer).toBe('EXCH01');
    expect(events[0]!.computer).toBeNull();
    expect((events[0]!.data as Record<string, string>)['message-subject']).toBe('Invoice 4711, March');
  });

  it('names the sending server for SMTP SEND events', async () => {
    const values = trackingLine('SEND', 'x@northwind.example', '250 2.0.0 OK', 'Hi', 'bob@contoso.example').split(',');
    values[2] = 'EXCH01.contoso.example';
    values[4] = 'mx.northwind.example';
    const { events } = await parse([...TRACKING_HEADER, values.join(',')].join('\n'));
    expect(events[0]).toMatchObject({ computer: 'EXCH01.contoso.example', level: 'information', message: 'SEND bob@contoso.example -> x@northwind.example: 250 2.0.0 OK' });
  });

  it('reads other Exchange logs (SMTP protocol logs) with a generic summary', async () => {
    const text = [
      '#Software: Microsoft Exchange Server',
      '#Log-type: SMTP Receive Protocol Log',
      '#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context',
      '2025-03-14T08:00:01.123Z,EXCH01\\Default Frontend EXCH01,08DD62A1B2C3D4E5,0,10.0.0.21:25,203.0.113.25:50122,+,,',
      '2025-03-14T08:00:01.130Z,EXCH01\\Default Frontend EXCH01,08DD62A1B2C3D4E5,1,10.0.0.21:25,203.0.113.25:50122,<,"EHLO mail.fabrikam.example, hi",',
    ].join('\n');
    const { events } = await parse(text);
    expect(events.map((event) => [event.provider, event.channel, event.level, event.message])).toEqual([
      ['MSExchange SMTP Receive Protocol', 'SMTP Receive Protocol Log', 'information', 'EXCH01\\Default Frontend EXCH01 08DD62A1B2C3D4E5 0 10.0.0.21:25 203.0.113.25:50122 +'],
      ['MSExchange SMTP Receive Protocol', 'SMTP Receive Protocol Log', 'information', 'EXCH01\\Default Frontend EXCH01 08DD62A1B2C3D4E5 1 10.0.0.21:25 203.0.113.25:50122 < EHLO mail.fabrikam.example, hi'],
    ]);
  });

  it('joins a quoted value that runs over a line break into one entry', async () => {
    const line = trackingLine('RECEIVE', 'bob@contoso.example', '', '"first line\nsecond, line"', 'alice@fabrikam.example');
    const { events } = await parse([...TRACKING_HEADER, line, trackingLine('SEND', 'x@y.example', '', 'z', 'a@b.example')].join('\n'));
    expect(events).toHaveLength(2);
    expect(events[0]!.raw).toBe(line);
    expect(events[0]!.line).toBe(5);
    expect((events[0]!.data as Record<string, string>)['message-subject']).toBe('first line\nsecond, line');
    expect(events[1]!.line).toBe(7);
  });

  it('gives up an unclosed quote at the next directive or the end of the file', async () => {
    const broken = '2025-03-14T08:00:01.123Z,,,,EXCH01,"cut off';
    const { events, unparsed, skipped } = await parse([...TRACKING_HEADER, broken, ...TRACKING_HEADER, broken].join('\n'));
    expect(events).toHaveLength(0);
    expect(skipped).toBe(8);
    expect(unparsed.map((row) => [row.line, row.reason])).toEqual([
      [5, 'quoted value not closed before the next directive'],
      [10, 'quoted value not closed before the end of the file'],
    ]);
  });
});
