/**
 * Exports end to end: the engine exports a filtered, sorted view; the files are checked for rows,
 * order, columns and values, and Logsift's own CSV reads back to the same rows.
 * (`npm test` builds dist/ first; run `npm run build` before running this file alone.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDING_RULE_ID } from '../../../shared/kb/founding';
import type { ExportColumn } from '../../../shared/model/export';
import { Engine } from '../engine';

const ROOT = join(__dirname, '..', '..', '..');
const WORKER = join(ROOT, 'dist', 'node', 'ingest-worker.js');
const FOUNDING = join(ROOT, 'fixtures', 'kb', 'founding-eventviewer.csv');
const DEMO_TEXT = join(ROOT, 'demo', 'logs', 'exchange-transport-sample.log');
const COLUMNS: ExportColumn[] = ['time', 'level', 'provider', 'eventId', 'category', 'message', 'kb'];

describe('exports', () => {
  let engine: Engine;
  let folder: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'logsift-export-'));
    engine = await Engine.create({ workerScript: WORKER, userDataDir: mkdtempSync(join(tmpdir(), 'logsift-export-user-')) });
    await engine.openPaths([FOUNDING, DEMO_TEXT], { expandDirectories: false });
    await engine.whenIdle();
  });
  afterEach(() => engine.close());

  it('writes the view as CSV (RFC 4180, ISO times in UTC) that Logsift reads back to the same rows', async () => {
    const query = { text: 'MSExchange', sort: [{ column: 'time' as const, direction: 'desc' as const }], showHidden: true };
    const view = await engine.queryEvents({ query, offset: 0, limit: 100 });
    const out = join(folder, 'view.csv');
    const result = await engine.exportTo({ query, format: 'csv', columns: COLUMNS, bom: true }, out);
    expect(result.rows).toBe(view.total);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffTime (UTC),Level,Source,Event ID,Category,Message,KB\r\n')).toBe(true);
    // A message with line breaks is one quoted field; the KB column says why the row is hidden.
    expect(text).toContain('"A sockets error 10054 on a WSARecvEx() call was detected.\nThe MTA will attempt');
    expect(text).toContain('Known benign: Exchange MTA: peer reset a sockets connection on receive (error 10054)');
    expect(text.split('\r\n')[1]).toMatch(/^2004-11-23T09:27:50\.000Z,Warning,MSExchangeMTA,9221,Operating System,/);

    const reader = await Engine.create({ workerScript: WORKER, userDataDir: mkdtempSync(join(tmpdir(), 'logsift-export-read-')) });
    try {
      await reader.openPaths([out], { expandDirectories: false });
      await reader.whenIdle();
      const [source] = await reader.listSources();
      expect(source).toMatchObject({ format: 'logsift-csv', events: view.total, unparsed: 0, lostLines: 0 });
      const back = await reader.queryEvents({ query: { sort: query.sort, showHidden: true }, offset: 0, limit: 100 });
      const pick = (rows: typeof view.rows) => rows.map((row) => [row.time, row.level, row.provider, row.eventId, row.category, row.message]);
      expect(pick(back.rows)).toEqual(pick(view.rows));
    } finally {
      reader.close();
    }
  });

  it('writes JSON lines with every field, the data and the KB verdict and reason; hidden rows stay out by default', async () => {
    const out = join(folder, 'view.jsonl');
    const result = await engine.exportTo({ query: { text: 'WSARecvEx', sourceIds: [1] }, format: 'jsonl', columns: COLUMNS }, out);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    // Six 9221 resets are hidden by the KB; the 10061 one is the view.
    expect(result.rows).toBe(1);
    expect(lines).toEqual([
      expect.objectContaining({ provider: 'MSExchangeMTA', eventId: 9221, level: 'warning', message: expect.stringContaining('10061'), kb: null, format: 'eventviewer-csv' }),
    ]);
    const all = join(folder, 'all.jsonl');
    await engine.exportTo({ query: { text: 'WSARecvEx', showHidden: true, sourceIds: [1] }, format: 'jsonl', columns: COLUMNS }, all);
    const hidden = readFileSync(all, 'utf8').trim().split('\n').map((line) => JSON.parse(line)).filter((line) => line.kb?.hidden);
    expect(hidden).toHaveLength(6);
    expect(hidden[0].kb).toEqual({ rule: FOUNDING_RULE_ID, verdict: 'benign', hidden: true, flag: null, reason: expect.stringContaining('10054') });
    expect(Object.keys(hidden[0])).toEqual(['time', 'level', 'provider', 'eventId', 'category', 'computer', 'user', 'channel', 'recordId', 'message', 'data', 'kb', 'file', 'format', 'line']);
  });

  it('exports only the selected rows when asked, in the view order', async () => {
    const view = await engine.queryEvents({ query: { showHidden: true }, offset: 0, limit: 100 });
    const ids = [view.rows[5]!.id, view.rows[1]!.id];
    const out = join(folder, 'selected.jsonl');
    await engine.exportTo({ query: { showHidden: true }, format: 'jsonl', columns: COLUMNS, ids }, out);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.message)).toEqual([view.rows[1]!.message, view.rows[5]!.message]);
  });

  it('leaves no file behind when an export is cancelled', async () => {
    const out = join(folder, 'cancelled.csv');
    const running = engine.exportTo({ query: {}, format: 'csv', columns: COLUMNS }, out);
    await engine.cancelExport(1);
    await expect(running).rejects.toThrow('Export cancelled');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });
});
