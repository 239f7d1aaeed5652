/**
 * The engine end to end on real files: the built ingest worker, DuckDB, and the committed fixtures.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { parseBytes } from './formats/evtx/evtx-test-support';

const ROOT = join(__dirname, '..', '..');
const WORKER = join(ROOT, 'dist', 'node', 'ingest-worker.js');
const CSV = join(ROOT, 'fixtures', 'logs', 'eventviewer-csv', 'mta_test_eventviewer_export.csv');
const TEXT_DIR = join(ROOT, 'fixtures', 'logs', 'text');

describe('Engine', () => {
  let engine: Engine;
  let userData: string;
  beforeEach(async () => {
    userData = mkdtempSync(join(tmpdir(), 'logsift-engine-'));
    engine = await Engine.create({ workerScript: WORKER, userDataDir: userData });
  });
  afterEach(() => engine.close());

  it('loads the Event Viewer CSV export: 239 events, all accounted for', async () => {
    const changes: number[] = [];
    engine.on('eventsChanged', (change) => changes.push(change.all));
    await engine.openPaths([CSV], { expandDirectories: false });
    await engine.whenIdle();
    const [source] = await engine.listSources();
    expect(source).toMatchObject({ format: 'eventviewer-csv', encoding: 'utf-8', status: 'ready', events: 239, unparsed: 0, errors: [] });
    expect(source!.bytesRead).toBe(source!.bytesTotal);
    expect((await engine.countEvents({})).all).toBe(239);
    expect(changes.at(-1)).toBe(239);
    const page = await engine.queryEvents({ query: { text: 'KB5071959' }, offset: 0, limit: 50 });
    expect(page.total).toBe(3);
  });

  it('opens the files in a folder, and reports a folder as an error where a file is expected', async () => {
    await engine.openPaths([TEXT_DIR], { expandDirectories: true });
    await engine.openPaths([TEXT_DIR], { expandDirectories: false });
    await engine.whenIdle();
    const sources = await engine.listSources();
    expect(sources.filter((s) => s.status === 'ready').length).toBeGreaterThanOrEqual(6);
    expect(sources.find((s) => s.status === 'error')?.errors[0]).toBe(`${TEXT_DIR}: is a directory, not a file`);
  });

  it('names the file and the reason for unknown formats and missing files, and keeps going', async () => {
    const binary = join(userData, 'blob.bin');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255, 0, 7, 9, 0, 0, 1]));
    await engine.openPaths([binary, join(userData, 'missing.log'), CSV], { expandDirectories: false });
    await engine.whenIdle();
    const sources = await engine.listSources();
    expect(sources[0]!.errors).toEqual([`${binary}: unknown format (no format plugin recognises its content)`]);
    expect(sources[1]!.errors).toEqual([`${join(userData, 'missing.log')}: no such file`]);
    expect(sources[2]!.events).toBe(239);
  });

  it('remembers opened files and only reopens those', async () => {
    await engine.openPaths([CSV], { expandDirectories: false });
    await engine.whenIdle();
    expect(await engine.listRecentFiles()).toEqual([CSV]);
    await expect(engine.openRecentFile('/etc/passwd')).rejects.toThrow(/recent list/);
    await engine.openRecentFile(CSV);
    await engine.whenIdle();
    expect((await engine.countEvents({})).all).toBe(478);
  });

  it('opens each member of a zip as its own source, named after the archive', async () => {
    const zip = join(ROOT, 'fixtures', 'archives', 'exports.zip');
    await engine.openPaths([zip], { expandDirectories: false });
    await engine.whenIdle();
    const sources = await engine.listSources();
    expect(sources.map((s) => [s.path, s.format, s.events])).toEqual([
      [`${zip}!Application export/mta_test_eventviewer_export.csv`, 'eventviewer-csv', 239],
      [`${zip}!../../escape/exchange-transport-sample.log`, 'text', 9],
    ]);
    expect(await engine.listRecentFiles()).toEqual([zip]);
    const [first] = (await engine.queryEvents({ query: {}, offset: 0, limit: 1 })).rows;
    expect((await engine.getEvent(first!.id))?.file).toContain('exports.zip!');
  });

  it('reads a source again with a stated time zone or a forced format', async () => {
    const [source] = await engine.openPaths([CSV], { expandDirectories: false });
    await engine.whenIdle();
    const first = async () => (await engine.queryEvents({ query: {}, offset: 0, limit: 1 })).rows[0]!.time!;
    const asWritten = await first();
    await engine.reopenSource(source!.id, { timeZone: 'Europe/Berlin' });
    await engine.whenIdle();
    expect(asWritten - (await first())).toBe(3_600_000);
    expect((await engine.countEvents({})).all).toBe(239);
    const reopened = await engine.reopenSource(source!.id, { format: 'text' });
    expect(reopened.readOptions).toEqual({ format: 'text' });
    await engine.whenIdle();
    const [again] = await engine.listSources();
    expect(again).toMatchObject({ format: 'text', confidence: 1, status: 'ready' });
    await expect(engine.reopenSource(source!.id, { format: 'nope' })).rejects.toThrow('No format called "nope"');
    await expect(engine.reopenSource(source!.id, { timeZone: 'Mars/Base' })).rejects.toThrow('Unknown time zone');
  });

  it('reads .evtx records, renders their XML only when a detail view asks, and searches their data', async () => {
    const file = join(ROOT, 'fixtures', 'logs', 'evtx', 'mdecrevoisier_ID6-Failed_to_install_an_Exchange_transport_agent.evtx');
    await engine.openPaths([file], { expandDirectories: false });
    await engine.whenIdle();
    const [source] = await engine.listSources();
    expect(source).toMatchObject({ format: 'evtx', encoding: 'binary', events: 4, status: 'ready' });
    const page = await engine.queryEvents({ query: { text: 'transportagent' }, offset: 0, limit: 10 });
    expect(page.total).toBe(4);
    const detail = await engine.getEvent(page.rows[0]!.id);
    expect(detail?.raw).toMatch(/^<Event xmlns=/);
    expect(detail?.raw).toContain('<EventID Qualifiers="49152">6</EventID>');
  });

  it('parses a large .evtx on helper threads: every record, in file order, each with its XML on demand', async () => {
    // mta_test.evtx's 16 chunks ×6 is 6 MB: past the size where helper threads take over.
    const original = readFileSync(join(ROOT, 'fixtures', 'logs', 'evtx', 'omerbenamram_mta_test.evtx'));
    const chunks = original.subarray(4096, 4096 + Math.floor((original.length - 4096) / 0x10000) * 0x10000);
    const file = join(userData, 'mta_x6.evtx');
    writeFileSync(file, Buffer.concat([original.subarray(0, 4096), ...Array.from({ length: 6 }, () => chunks)]));
    const expected = await parseBytes(new Uint8Array(readFileSync(file)), { fileName: 'mta_x6.evtx' });

    await engine.openPaths([file], { expandDirectories: false });
    await engine.whenIdle();
    const [source] = await engine.listSources();
    expect(source).toMatchObject({ format: 'evtx', status: 'ready', events: expected.events.length, errors: [] });
    expect(expected.events.length).toBe(6 * 239);
    // Row ids follow arrival order, which must be file order, as on one thread.
    const { rows } = await engine.queryEvents({ query: {}, offset: 0, limit: expected.events.length });
    const ids = rows.map((row) => row.id).sort((a, b) => a - b);
    const picks = Array.from({ length: 25 }, (_, k) => Math.floor((k * (ids.length - 1)) / 24));
    const details = await Promise.all(picks.map((i) => engine.getEvent(ids[i]!)));
    expect(details.map((detail) => [detail?.line, detail?.recordId])).toEqual(picks.map((i) => [expected.events[i]!.line, expected.events[i]!.recordId]));
    expect(details[7]?.raw).toMatch(/^<Event xmlns=/);
  });

  it('drops a closed source from the store', async () => {
    const [source] = await engine.openPaths([CSV], { expandDirectories: false });
    await engine.whenIdle();
    await engine.closeSource(source!.id);
    expect((await engine.countEvents({})).all).toBe(0);
    expect(await engine.listSources()).toEqual([]);
  });
});
