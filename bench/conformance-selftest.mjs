// Checks of the conformance suite's own parts: the oracle output parsers against the real samples
// (skipped when the samples or the oracle programs are absent) and the verdict logic.
//   node --test bench/conformance-selftest.mjs      (SAMPLES=/path/to/samples to point elsewhere)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventIdDifferences, judge, matchRecords } from './conformance-compare.mjs';
import { findOracles, lastError, parseEventXml, parseEvtexportText, parseInfo, parseOracleTime, runOracles } from './conformance-oracles.mjs';

const SAMPLES = process.env.SAMPLES ?? '/work/shared/samples';
const MTA = join(SAMPLES, 'evtx/omerbenamram_evtx/mta_test.evtx');
const WEC = join(SAMPLES, 'evtx/omerbenamram_evtx/MSExchange_Management_wec.evtx');
const SYSEVENT = join(SAMPLES, 'evt/plaso_SysEvent.Evt');
const W2003 = join(SAMPLES, 'evt/evt-parser_win2003_System.evt');
const found = findOracles();
const skipUnless = (...needs) => (needs.every((need) => (need.includes('/') ? existsSync(need) : found[need])) ? false : `needs ${needs.join(', ')}`);

test('times in every shape the oracles print', () => {
  const t = Date.parse('2024-01-22T22:04:22.282Z');
  assert.equal(parseOracleTime('2024-01-22T22:04:22.282770000Z'), t);
  assert.equal(parseOracleTime('2024-01-22 22:04:22.282768'), t);
  assert.equal(parseOracleTime('Jan 22, 2024 22:04:22.282770000 UTC'), t);
  assert.equal(parseOracleTime('Jan 11, 2026 13:35:50 UTC'), Date.parse('2026-01-11T13:35:50Z'));
  assert.equal(parseOracleTime('2024-01-22 22:04:22'), Date.parse('2024-01-22T22:04:22Z'));
  assert.equal(parseOracleTime('Not set (0)'), null);
  assert.equal(parseOracleTime(''), null);
});

test('event XML: System fields only, a cut-off event ignored', () => {
  const xml = `<Event><System><Provider Name="Service Control Manager" Guid="{x}"/><EventID Qualifiers="16384">7036</EventID>
<TimeCreated SystemTime="2020-01-01T00:00:01.5Z"/><EventRecordID>42</EventRecordID></System>
<EventData><Data>&lt;EventRecordID&gt;9&lt;/EventRecordID&gt;</Data></EventData></Event>
<Event><System><EventID>1</EventID><EventRecordID>43</EventRecordID>`;
  assert.deepEqual(parseEventXml(xml), [
    { recordId: 42, eventId: 7036, qualifiers: 16384, provider: 'Service Control Manager', time: Date.parse('2020-01-01T00:00:01.500Z') },
  ]);
});

test('evtexport text: record number, low 16 bits of the event identifier, creation time', () => {
  const text = `evtexport 20200926

Event number			: 1392
Creation time			: Jul 22, 2011 10:01:46 UTC
Written time			: Jul 22, 2011 10:01:47 UTC
Event type			: Warning event (2)
Source name			: LSASRV
Event identifier		: 0x8000a001 (2147524609)
Number of strings		: 0
`;
  assert.deepEqual(parseEvtexportText(text), [
    { recordId: 1392, eventId: 40961, provider: 'LSASRV', time: Date.parse('2011-07-22T10:01:46Z'), written: Date.parse('2011-07-22T10:01:47Z') },
  ]);
});

test('info output and error lines', () => {
  const info = parseInfo(`evtinfo 20200926

Windows Event Log (EVT) information:
	Version				: 1.1
	Number of records		: 6063
	Number of recovered records	: 438
	Is corrupted
	Flags:
		Is dirty
		Has wrapped
`);
  assert.deepEqual(info, { version: '1.1', records: 6063, recovered: 438, corrupted: true, flags: ['Is dirty', 'Has wrapped'] });
  assert.equal(lastError('Traceback…\n  File "x"\nUnicodeDecodeError: bad byte\n'), 'UnicodeDecodeError: bad byte');
  assert.equal(lastError('✘ [ERROR] No matching export\n    at x (y)\nNode.js v20.20.2\n'), '✘ [ERROR] No matching export');
});

test('verdicts: PASS with extras, FAIL with reasons, UNVERIFIED when every oracle failed', () => {
  const oracle = [
    { recordId: 1, eventId: 10, time: 1000 },
    { recordId: 2, eventId: 11, time: 2000 },
    { recordId: 3, eventId: 12, time: 3000 },
  ];
  const pass = judge('f', 'evtx', { records: [...oracle, { recordId: 9, eventId: 1, time: 0 }] }, { evtxexport: { ok: true, records: oracle } });
  assert.equal(pass.status, 'PASS');
  assert.match(pass.reason, /all 3 records evtxexport found \(\+1 more\)/);

  const ours = [
    { recordId: 1, eventId: 10, time: 2500 }, // 1.5 s off
    { recordId: 2, eventId: 99, time: 2000 },
  ];
  const m = matchRecords(ours, oracle);
  assert.deepEqual([m.matched, m.missing, m.timeMismatches, m.eventIdMismatches, m.unmatched], [2, 1, 1, 1, 3]);
  assert.deepEqual(eventIdDifferences(ours, oracle).map((d) => d.eventId).sort(), [11, 12, 99]);
  const fail = judge('f', 'evtx', { records: ours }, { evtxexport: { ok: true, records: oracle }, 'evtx_dump.py': { ok: false, note: 'crashed', records: [] } });
  assert.equal(fail.status, 'FAIL');
  assert.match(fail.reason, /lacks 3 of the 3 records evtxexport found: 1 missing, 1 with another event ID, 1 with another time/);

  // Zeroed records an oracle prints (id 0, FILETIME 0) are reported, not held against Logsift.
  const zeroed = { recordId: 0, eventId: 0, time: Date.UTC(1601, 0, 1) };
  const withJunk = judge('f', 'evtx', { records: oracle }, { 'evtx_dump.py': { ok: true, records: [...oracle, zeroed, { recordId: null, eventId: 0, time: null }] } });
  assert.equal(withJunk.status, 'PASS');
  assert.equal(withJunk.oracles['evtx_dump.py'].implausible, 2);

  const none = judge('f', 'evtx', { records: [] }, { evtxexport: { ok: false, note: 'oracle failed (exit 1)', records: [] } });
  assert.equal(none.status, 'UNVERIFIED');
  // The best oracle is the one that found the most records, even a partial one.
  const best = judge('f', 'evtx', { records: oracle.slice(0, 1) }, { evtxexport: { ok: true, records: oracle.slice(0, 1) }, 'evtx_dump.py': { ok: false, note: 'x', records: oracle } });
  assert.equal(best.best, 'evtx_dump.py');
  assert.equal(best.status, 'FAIL');
});

test('oracles on mta_test.evtx: 239 records, EventRecordID 10…248, same times from both', { skip: skipUnless(MTA, 'evtxexport', 'evtx_dump.py', 'evtxinfo') }, async () => {
  const oracles = await runOracles(MTA, 'evtx', found, { timeoutMs: 120_000 });
  assert.deepEqual([oracles.evtxinfo.info.records, oracles.evtxinfo.info.recovered], [239, 88]);
  for (const name of ['evtxexport', 'evtx_dump.py']) {
    const { ok, records } = oracles[name];
    assert.ok(ok, name);
    assert.equal(records.length, 239, name);
    assert.deepEqual(records.map((r) => r.recordId), Array.from({ length: 239 }, (_, i) => 10 + i), name);
    assert.equal(records[0].eventId, 1);
    assert.equal(records[0].provider, 'Microsoft-Windows-Servicing');
    assert.equal(Math.floor(records[0].time / 1000), Math.floor(Date.parse('2024-01-22T22:04:22Z') / 1000), name);
  }
  assert.deepEqual(
    oracles.evtxexport.records.map((r) => Math.floor(r.time / 1000)),
    oracles['evtx_dump.py'].records.map((r) => Math.floor(r.time / 1000)),
  );
});

test('a file that defeats both evtx oracles is reported as their failure', { skip: skipUnless(WEC, 'evtxexport', 'evtx_dump.py') }, async () => {
  const oracles = await runOracles(WEC, 'evtx', found, { timeoutMs: 120_000 });
  assert.equal(oracles.evtxexport.ok, false);
  assert.match(oracles.evtxexport.note, /oracle failed \(exit 1\)/);
  assert.equal(oracles['evtx_dump.py'].ok, false);
  assert.equal(judge(WEC, 'evtx', { records: [] }, oracles).status, 'UNVERIFIED');
});

test('evtexport on .evt: record numbers, wrapped log, recovered records', { skip: skipUnless(SYSEVENT, W2003, 'evtexport', 'evtinfo') }, async () => {
  const w2003 = await runOracles(W2003, 'evt', found, { timeoutMs: 120_000 });
  assert.equal(w2003.evtexport.records.length, 95);
  assert.deepEqual(w2003.evtexport.records.slice(0, 2).map((r) => r.recordId), [1, 2]);
  assert.equal(w2003.evtexport.records[0].eventId, 6009); // 0x80001779
  const sys = await runOracles(SYSEVENT, 'evt', found, { timeoutMs: 120_000 });
  assert.deepEqual([sys.evtinfo.info.records, sys.evtinfo.info.recovered], [6063, 438]);
  assert.ok(sys.evtinfo.info.flags.includes('Has wrapped'));
  assert.equal(sys.evtexport.records.length, 6063);
  assert.equal(sys.evtexport.records[0].recordId, 1392); // the oldest record of the ring, not 1
  assert.equal(sys.evtexport.recovered.length, 438);
});
