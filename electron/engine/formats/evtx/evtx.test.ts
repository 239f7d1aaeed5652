import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectEvtx, evtx } from './evtx';
import { CHUNK_SIZE, parseChunk } from './evtx-chunk';
import { parseBytes } from './evtx-test-support';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'fixtures');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, 'logs', 'evtx', name)));
const MTA_TEST = 'omerbenamram_mta_test.evtx';

describe('evtx detection', () => {
  it('knows a whole log, a carved chunk and anything else', () => {
    expect(detectEvtx(new TextEncoder().encode('ElfFile\0rest'))).toBe(0.99);
    expect(detectEvtx(new TextEncoder().encode('ElfChnk\0rest'))).toBe(0.9);
    expect(detectEvtx(new TextEncoder().encode('ElfFile'))).toBe(0);
    expect(detectEvtx(new TextEncoder().encode('LfLe and more'))).toBe(0);
  });
});

describe('a real chunk', () => {
  it('parses chunk 0 of mta_test.evtx on its own: records 1–163, in order, undamaged', () => {
    const bytes = fixture(MTA_TEST).subarray(4096, 4096 + CHUNK_SIZE);
    const { events, recovered, damage } = parseChunk(bytes, 0, 4096);
    expect(damage).toEqual([]);
    expect(events.map((event) => event.recordId)).toEqual(Array.from({ length: 163 }, (_, i) => i + 10));
    expect(recovered).toHaveLength(0);
    expect(events[0]).toMatchObject({
      time: Date.parse('2024-01-22T22:04:22.282Z'),
      level: 'information',
      provider: 'Microsoft-Windows-Servicing',
      eventId: 1,
      category: '1',
      computer: 'SPARKLE-23-1209',
      user: 'S-1-5-18',
      channel: 'Setup',
      line: 4096 + 512, // the first record, right after the file header and the chunk header
      data: {
        PackageIdentifier: 'KB5020683',
        InitialPackageState: '5000',
        InitialPackageStateTextized: 'Absent',
        IntendedPackageState: '5112',
        IntendedPackageStateTextized: 'Installed',
        Client: 'WindowsUpdateAgent',
        ProcessID: '7108',
        ThreadID: '10160',
        Version: '0',
        Opcode: '0',
        Keywords: '0x8000000000000000',
      },
    });
    expect(events[0]?.raw).toMatch(/^<Event xmlns="http:\/\/schemas.microsoft.com\/win\/2004\/08\/events\/event"><System><Provider Name="Microsoft-Windows-Servicing" Guid="\{BD12F3B8-FC40-4A61-A307-B7A013A069C1\}"\/>/);
    expect(events[0]?.raw).toContain('<TimeCreated SystemTime="2024-01-22T22:04:22.2827700Z"/><EventRecordID>10</EventRecordID>');
    expect(events[0]?.message).toBe(
      'Message not available — insertion strings: PackageIdentifier=KB5020683; InitialPackageState=5000; InitialPackageStateTextized=Absent; IntendedPackageState=5112; IntendedPackageStateTextized=Installed; Client=WindowsUpdateAgent',
    );
  });
});

/** "12/9/2025 5:37:32 PM" wall-clock fields of a UTC time in `zone`, as the CSV writes them. */
function wallClock(time: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hour12: true, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(time))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.month}/${parts.day}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.dayPeriod}`;
}

describe('whole files', () => {
  it('mta_test.evtx matches its Event Viewer CSV export (US Pacific wall clock) event for event', async () => {
    const { events, damage } = await parseBytes(fixture(MTA_TEST), { fileName: 'mta_test.evtx' });
    expect(damage).toEqual([]);
    expect(events).toHaveLength(239);
    const csv = readFileSync(join(FIXTURES, 'logs', 'eventviewer-csv', 'mta_test_eventviewer_export.csv'), 'utf8');
    const rows = csv
      .split(/\r?\n/)
      .map((line) => /^(\w+),(\d+\/\d+\/\d+ \d+:\d\d:\d\d [AP]M),([^,]+),(\d+),/.exec(line))
      .filter((match) => match !== null)
      .map(([, level, time, provider, id]) => `${level}|${time}|${provider}|${id}`)
      .sort();
    // The exporting machine was on US Pacific time (-8 h in winter, -7 h in summer).
    const ours = events.map((event) => `Information|${wallClock(event.time as number, 'America/Los_Angeles')}|${event.provider}|${event.eventId}`).sort();
    expect(ours).toEqual(rows);
    expect(events.every((event) => event.level === 'information')).toBe(true);
  });

  it('uses the LocaleMetaData saved beside the log for messages', async () => {
    const mta = new Uint8Array(readFileSync(join(FIXTURES, 'locale-metadata', 'mta_test_1033.MTA')));
    const { events } = await parseBytes(fixture(MTA_TEST), {
      fileName: 'mta_test.evtx',
      readCompanion: async (name) => (name === 'LocaleMetaData/mta_test_1033.MTA' ? mta : undefined),
    });
    const rendered = events.filter((event) => !event.message.startsWith('Message not available'));
    expect(rendered.length).toBeGreaterThan(200);
    expect(events.find((event) => event.recordId === 248)?.message).toBe('Package KB5071959 was successfully changed to the Installed state.');
  });

  it('reads the forwarded MSExchange Management event other readers fail on', async () => {
    const { events, damage } = await parseBytes(fixture('omerbenamram_MSExchange_Management_wec.evtx'));
    expect(damage).toEqual([]);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ provider: 'MSExchange CmdletLogs', eventId: 1, level: 'information', category: '1', computer: 'WEC.ave.local', channel: 'MSExchange Management', recordId: 3229 });
    expect(event?.data).toMatchObject({ '%1': 'Set-Mailbox', '%4': 'S-1-5-21-186559946-3925841745-111227986-500', Qualifiers: '16384' });
    expect(event?.message).toMatch(/^Message not available — insertion strings: Set-Mailbox; -Identity "Administrateur" -DeliverToMailboxAndForward "False"/);
  });

  it('reads the Exchange transport agent failures (MSExchange CmdletLogs 6, errors)', async () => {
    const { events } = await parseBytes(fixture('mdecrevoisier_ID6-Failed_to_install_an_Exchange_transport_agent.evtx'));
    expect(events.map((event) => [event.recordId, event.eventId, event.provider, event.level])).toEqual([
      [7184, 6, 'MSExchange CmdletLogs', 'error'],
      [7185, 6, 'MSExchange CmdletLogs', 'error'],
      [7186, 6, 'MSExchange CmdletLogs', 'error'],
      [7187, 6, 'MSExchange CmdletLogs', 'error'],
    ]);
    expect(events[0]?.message).toContain('Install-TransportAgent; -Name "Evil" -AssemblyPath ".\\NetshHelperBeacon.dll"');
  });

  it('reports progress up to the end of the file', async () => {
    const bytes = fixture(MTA_TEST);
    const { progress } = await parseBytes(bytes);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe('record XML on demand', () => {
  it('renders the XML of the record an event came from, found again by its offset', async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', '..', 'fixtures', 'logs', 'evtx', 'omerbenamram_mta_test.evtx')));
    const file = { size: bytes.length, read: async (position: number, length: number) => bytes.subarray(position, position + length) };
    const xml = await evtx.recordText!(file, 4096 + 512);
    expect(xml).toMatch(/^<Event xmlns="http:\/\/schemas.microsoft.com\/win\/2004\/08\/events\/event">/);
    expect(xml).toContain('<EventRecordID>10</EventRecordID>');
    expect(await evtx.recordText!(file, 4096 + 513)).toBeUndefined();
  });
});
