import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ParseContext } from '../format';
import { loadLocaleMetaData, parseLocaleMetaData } from './locale-metadata';
import { renderMessage } from './render';

const root = join(__dirname, '../../../..');
const MTA = new Uint8Array(readFileSync(join(root, 'fixtures/locale-metadata/mta_test_1033.MTA')));
const CSV = join(root, 'fixtures/logs/eventviewer-csv/mta_test_eventviewer_export.csv');

/** The sixth column of the Event Viewer export, oldest event first (the export is newest first). */
function csvMessages(): string[] {
  const rows = parse(readFileSync(CSV, 'utf8').replace(/^\uFEFF/, ''), { relaxColumnCount: true }) as string[][];
  return rows.slice(1).map((row) => row[5] ?? '').reverse();
}

describe('parseLocaleMetaData', () => {
  it('reads the per-record messages of the sample, which match the Event Viewer export', () => {
    const catalog = parseLocaleMetaData(MTA);
    expect(catalog.problems).toEqual([]);
    expect(catalog.recordCount).toBe(239);
    const expected = csvMessages();
    expect(expected).toHaveLength(239);
    // The log's EventRecordIDs run 10…248 (evtxexport -f xml), in the order the CSV lists them reversed.
    for (let i = 0; i < expected.length; i++) expect(catalog.recordMessage(10 + i)).toBe(expected[i]);
    expect(catalog.recordMessage(9)).toBeUndefined();
    expect(catalog.recordMessage(249)).toBeUndefined();
  });

  it('holds no templates, so lookup defers to the built-in ones', () => {
    const catalog = parseLocaleMetaData(MTA);
    expect(catalog.lookup('Microsoft-Windows-Servicing', 1, 0)).toBeUndefined();
    expect(renderMessage({ provider: 'MSExchangeMTA', eventId: 9221, qualifiers: null, strings: ['10054'], catalog })).toContain('10054');
  });

  it('gives the record text to renderMessage, and the record strings fit a template of that text', () => {
    const catalog = parseLocaleMetaData(MTA);
    // Record 10's insertion strings as evtxexport prints them.
    const strings = ['KB5020683', '5000', 'Absent', '5112', 'Installed', 'WindowsUpdateAgent'];
    const request = { provider: 'Microsoft-Windows-Servicing', eventId: 1, qualifiers: null, strings };
    const fromMta = renderMessage({ ...request, catalog, recordId: 10 });
    expect(fromMta).toBe('Initiating changes for package KB5020683. Current state is Absent. Target state is Installed. Client id: WindowsUpdateAgent.');
    const template = { lookup: () => 'Initiating changes for package %1. Current state is %3. Target state is %5. Client id: %6.' };
    expect(renderMessage({ ...request, catalog: template })).toBe(fromMta);
  });

  it('reads the publisher tables (level, opcode and keyword names)', () => {
    const catalog = parseLocaleMetaData(MTA);
    expect([...catalog.publishers.keys()].sort()).toEqual(['default_publisher', 'microsoft-windows-servicing']);
    expect(catalog.levelName('Microsoft-Windows-Servicing', 3)).toBe('Warning');
    expect(catalog.levelName('Microsoft-Windows-Servicing', 2)).toBe('Error'); // from the default publisher
    expect(catalog.opcodeName(null, 240)).toBe('Receive');
    expect(catalog.publishers.get('default_publisher')?.keywords.get(55)).toBe('Classic');
  });

  it('never throws on damaged input and keeps what is intact', () => {
    expect(parseLocaleMetaData(new Uint8Array()).recordCount).toBe(0);
    expect(parseLocaleMetaData(new TextEncoder().encode('not an MTA file at all')).problems[0]).toMatch(/signature/);
    for (const cut of [10, 24, 60, 102, 3000, 9000, 40_000, 62_000]) {
      const catalog = parseLocaleMetaData(MTA.subarray(0, cut));
      expect(catalog.recordCount).toBeLessThanOrEqual(239);
    }
    // Cut inside the last MSG page: the first two pages of messages (entries 0–199) survive.
    const truncated = parseLocaleMetaData(MTA.subarray(0, 50_000));
    expect(truncated.recordMessage(10)).toMatch(/^Initiating changes for package KB5020683/);
    expect(truncated.problems.join('; ')).toMatch(/truncated|cut short/);
    // Random corruption anywhere: still no exception.
    let seed = 7;
    for (let round = 0; round < 200; round++) {
      const copy = MTA.slice();
      for (let i = 0; i < 20; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        copy[seed % copy.length] = seed >>> 24;
      }
      const catalog = parseLocaleMetaData(copy);
      catalog.recordMessage(100);
      catalog.levelName('x', 1);
    }
  });
});

describe('loadLocaleMetaData', () => {
  const context = (files: Record<string, Uint8Array>, tried: string[] = []): ParseContext => ({
    fileName: 'test.evtx',
    modifiedTime: 0,
    options: {},
    readCompanion: async (name) => {
      tried.push(name);
      return files[name];
    },
  });

  it('finds the companion in LocaleMetaData/ or beside the log, 1033 first', async () => {
    const tried: string[] = [];
    const found = await loadLocaleMetaData(context({ 'LocaleMetaData/test_1033.MTA': MTA }, tried), 'C:\\logs\\test.evtx');
    expect(found?.recordCount).toBe(239);
    expect(tried).toEqual(['LocaleMetaData/test_1033.MTA']);
    expect((await loadLocaleMetaData(context({ 'test_1031.MTA': MTA }), 'test.evtx'))?.recordCount).toBe(239);
  });

  it('returns undefined without a companion, and an empty catalog for a damaged one', async () => {
    expect(await loadLocaleMetaData(context({}), 'test.evtx')).toBeUndefined();
    expect(await loadLocaleMetaData({ fileName: 'x', modifiedTime: 0, options: {} }, 'test.evtx')).toBeUndefined();
    const damaged = await loadLocaleMetaData(context({ 'test_1033.MTA': new Uint8Array([1, 2, 3]) }), 'test.evtx');
    expect(damaged?.recordCount).toBe(0);
    const throwing: ParseContext = { ...context({}), readCompanion: () => Promise.reject(new Error('EIO')) };
    expect(await loadLocaleMetaData(throwing, 'test.evtx')).toBeUndefined();
  });
});
