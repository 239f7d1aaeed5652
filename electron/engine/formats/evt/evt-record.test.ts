import { describe, expect, it } from 'vitest';
import { detectEvt } from './evt';
import { channelFromFileName, toParsedEvent } from './evt-event';
import { renderMessage } from '../messages/render';
import { decodeRecord, formatSid } from './evt-record';
import { buildHeader, buildRecord, sidBytes } from './evt-test-support';

const DOMAIN_ADMIN = sidBytes(5, [21, 1004336348, 1177238915, 682003330, 512]);

describe('.evt record decoding', () => {
  it('reads every field of a hand-built record, UTF-16 text and SID included', () => {
    const bytes = buildRecord({
      recordNumber: 4353,
      timeGenerated: Date.UTC(2011, 7, 3, 12, 34, 56) / 1000,
      timeWritten: Date.UTC(2011, 7, 3, 12, 34, 57) / 1000,
      eventId: 0x80001082,
      eventType: 2,
      category: 7,
      source: 'Tcpip',
      computer: 'SERVEUR-Ü',
      sid: DOMAIN_ADMIN,
      strings: ['Müller', '日本語', ''],
      data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x01),
    });
    const record = decodeRecord(bytes);
    expect(record).toEqual({
      length: bytes.length,
      recordNumber: 4353,
      timeGenerated: Date.UTC(2011, 7, 3, 12, 34, 56) / 1000,
      timeWritten: Date.UTC(2011, 7, 3, 12, 34, 57) / 1000,
      eventIdentifier: 0x80001082,
      eventType: 2,
      category: 7,
      source: 'Tcpip',
      computer: 'SERVEUR-Ü',
      sid: 'S-1-5-21-1004336348-1177238915-682003330-512',
      strings: ['Müller', '日本語', ''],
      data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x01),
      problems: [],
    });
  });

  it('formats SIDs as Windows does, and refuses cut-short ones', () => {
    expect(formatSid(sidBytes(5, [18]))).toBe('S-1-5-18');
    expect(formatSid(sidBytes(1, [0]))).toBe('S-1-1-0');
    // Authorities of 2^32 and above are written in hex.
    expect(formatSid(sidBytes(2 ** 40, [7]))).toBe('S-1-0x010000000000-7');
    expect(formatSid(DOMAIN_ADMIN.subarray(0, 20))).toBeUndefined();
    expect(formatSid(new Uint8Array(4))).toBeUndefined();
  });

  it('maps a record to an event: low 16 bits as the ID, qualifiers and binary data kept', () => {
    const record = decodeRecord(
      buildRecord({
        recordNumber: 4353,
        timeGenerated: Date.UTC(2011, 7, 3, 12, 34, 56) / 1000,
        eventId: 0x80001082,
        eventType: 2,
        source: 'ExampleSource',
        computer: 'WKS-XP',
        sid: sidBytes(5, [18]),
        strings: ['a', 'b'],
        data: Uint8Array.of(0, 1, 0xab),
      }),
    );
    expect(toParsedEvent(record, 'System')).toEqual({
      time: Date.UTC(2011, 7, 3, 12, 34, 56),
      level: 'warning',
      provider: 'ExampleSource',
      eventId: 4226,
      category: null,
      computer: 'WKS-XP',
      user: 'S-1-5-18',
      channel: 'System',
      recordId: 4353,
      message: 'Message not available — insertion strings: a; b',
      data: { '%1': 'a', '%2': 'b', EventIdentifier: String(0x80001082), Qualifiers: '32768', Binary: '0001AB' },
      raw: 'Record 4353 | 2011-08-03 12:34:56Z | ExampleSource | Event 4226 (0x80001082) | Warning | Category 0 | WKS-XP | S-1-5-18 | Strings: a; b | Data: 0001AB',
      line: 0,
    });
  });

  it('asks the message renderer with the low 16 bits and the qualifiers', () => {
    const record = decodeRecord(buildRecord({ recordNumber: 7, eventId: 0x80001082, eventType: 2, source: 'Tcpip', strings: [''] }));
    const rendered = renderMessage({ provider: 'Tcpip', eventId: 4226, qualifiers: 0x8000, strings: [''], recordId: 7 });
    expect(toParsedEvent(record, null).message).toBe(rendered ?? 'Message not available — insertion strings: ');
  });

  it('keeps plain insertion strings as a list, and maps every event type', () => {
    const event = (eventType: number, strings: string[] = []) =>
      toParsedEvent(decodeRecord(buildRecord({ recordNumber: 1, eventId: 100, eventType, category: 3, strings })), null);
    expect(event(4, ['x', 'y']).data).toEqual(['x', 'y']);
    expect(event(4).data).toBeNull();
    expect(event(4).message).toBe('Message not available — no insertion strings');
    expect(event(4).category).toBe('3');
    expect([0, 1, 2, 4, 8, 16, 3].map((type) => event(type).level)).toEqual([
      'information', 'error', 'warning', 'information', 'audit-success', 'audit-failure', 'unknown',
    ]);
    expect(event(3).raw).toContain('| Type 3 |');
  });

  it('keeps what it can of a record whose offsets point outside it, and says what was lost', () => {
    const bytes = buildRecord({ recordNumber: 9, strings: ['lost'], sid: sidBytes(5, [18]), data: Uint8Array.of(1, 2) });
    const view = new DataView(bytes.buffer);
    view.setUint32(36, bytes.length + 100, true); // strings offset
    view.setUint32(52, 0xfffffff0, true); // data offset
    const record = decodeRecord(bytes);
    expect(record.source).toBe('TestSource');
    expect(record.computer).toBe('HOST01');
    expect(record.sid).toBe('S-1-5-18');
    expect(record.strings).toEqual([]);
    expect(record.data.length).toBe(0);
    expect(record.problems).toEqual([
      `strings offset 0x${(bytes.length + 100).toString(16)} lies outside the record: 1 insertion strings lost`,
      'binary data (2 bytes) lies outside the record: ignored',
    ]);
  });

  it('reads strings cut short by the end of the record', () => {
    const bytes = buildRecord({ recordNumber: 9, strings: ['one', 'two'] });
    new DataView(bytes.buffer).setUint16(26, 4, true); // claims four strings
    const record = decodeRecord(bytes);
    expect(record.strings.slice(0, 2)).toEqual(['one', 'two']);
    expect(record.problems.some((problem) => problem.includes('insertion strings missing'))).toBe(true);
  });
});

describe('.evt detection and channel', () => {
  it('is sure of a header, fairly sure of a file that starts with a record, and refuses the rest', () => {
    const header = buildHeader({ startOffset: 0x30, endOffset: 0x30, currentRecordNumber: 1, oldestRecordNumber: 0, maxSize: 0x10000, flags: 0 });
    expect(detectEvt(header)).toBe(0.99);
    expect(detectEvt(buildRecord({ recordNumber: 1 }))).toBe(0.8);
    expect(detectEvt(new TextEncoder().encode('LfLe is not at offset 4'))).toBe(0);
    expect(detectEvt(new Uint8Array(3))).toBe(0);
  });

  it('infers the log from the default file names and from names that say it', () => {
    expect(channelFromFileName('AppEvent.Evt')).toBe('Application');
    expect(channelFromFileName('SYSEVENT.EVT')).toBe('System');
    expect(channelFromFileName('plaso_SecEvent.Evt')).toBe('Security');
    expect(channelFromFileName('win2003_Application.evt')).toBe('Application');
    expect(channelFromFileName('old-security-log.evt')).toBe('Security');
    expect(channelFromFileName('DNSEvent.Evt')).toBeNull();
  });
});
