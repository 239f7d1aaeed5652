/** The built `logsift` command, run as a user would (node bin/logsift.js …). */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const CSV = join(ROOT, 'fixtures', 'logs', 'eventviewer-csv', 'mta_test_eventviewer_export.csv');
const TEXT = join(ROOT, 'fixtures', 'logs', 'text', 'exchange-transport-sample.log');

function logsift(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'logsift.js'), ...args],
      { env: { ...process.env, LOGSIFT_USER_DATA: mkdtempSync(join(tmpdir(), 'logsift-cli-')) }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('logsift parse', () => {
  it('--stats reports 239 events and 0 unparsed for the Event Viewer CSV export', async () => {
    const { code, stdout } = await logsift('parse', CSV, '--stats');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.files).toEqual([
      expect.objectContaining({ file: CSV, format: 'eventviewer-csv', encoding: 'utf-8', events: 239, unparsed: 0, errors: [] }),
    ]);
    expect(report.totals).toMatchObject({ events: 239, unparsed: 0, errors: 0, byLevel: { information: 239 } });
  });

  it('--jsonl prints one object per entry with the documented fields', async () => {
    const { code, stdout } = await logsift('parse', CSV, TEXT, '--jsonl');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(239 + 11);
    expect(lines[0]).toEqual({
      time: '2025-12-09T17:37:32.000Z',
      level: 'information',
      provider: 'Microsoft-Windows-Servicing',
      eventId: 2,
      category: '(1)',
      computer: null,
      user: null,
      channel: null,
      recordId: null,
      message: 'Package KB5071959 was successfully changed to the Installed state.',
      data: null,
      kb: null,
      file: CSV,
      format: 'eventviewer-csv',
      line: 2,
    });
    const fatal = lines.find((line) => line.level === 'critical');
    expect(fatal.message).toContain('dismounted');
    expect(lines.filter((line) => line.unparsed)).toHaveLength(2);
  });

  it('names the file and the reason for each bad input, exits non-zero, and still processes the rest', async () => {
    const missing = join(ROOT, 'no-such-file.log');
    const folder = join(ROOT, 'fixtures');
    const { code, stdout, stderr } = await logsift('parse', missing, folder, CSV, '--stats');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `logsift: ${missing}: no such file`,
      `logsift: ${folder}: is a directory, not a file`,
    ]);
    expect(JSON.parse(stdout).totals.events).toBe(239);
    const jsonl = await logsift('parse', missing, CSV, '--jsonl');
    expect(jsonl.code).toBe(1);
    expect(jsonl.stderr).toBe(`logsift: ${missing}: no such file\n`);
    expect(jsonl.stdout.trim().split('\n')).toHaveLength(239);
  });

  it('rejects a call without a mode or file', async () => {
    const { code, stderr } = await logsift('parse', CSV);
    expect(code).toBe(2);
    expect(stderr).toContain('exactly one of --jsonl or --stats');
  });
});

describe('logsift and the knowledge base', () => {
  const EVT = join(ROOT, 'fixtures', 'kb', 'founding-exchange55.evt');
  const WIN2003 = join(ROOT, 'fixtures', 'kb', 'founding-win2003.csv');

  it('parse --jsonl fills kb with the rule, verdict, hidden and reason', async () => {
    const { code, stdout } = await logsift('parse', EVT, '--jsonl');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    const resets = lines.filter((line) => line.eventId === 9221);
    expect(resets.map((line) => line.kb?.hidden ?? false)).toEqual([true, true, true, true, true, false, true]);
    expect(resets[0].kb).toEqual({
      rule: 'exchange-mta-9221-connection-reset',
      verdict: 'benign',
      hidden: true,
      reason: expect.stringContaining('10054'),
    });
    expect(resets[5].data['%1']).toBe('10061');
  });

  it('kb list prints the rules with their references; kb test prints counts per rule and the hidden entries', async () => {
    const list = await logsift('kb', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('exchange-mta-9221-connection-reset');
    expect(list.stdout).toContain('Q169143');
    const test = await logsift('kb', 'test', WIN2003);
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('9 entries in 1 file(s); 6 hidden by the KB');
    expect(test.stdout).toMatch(/\s6 matched\s+6 hidden {2}exchange-mta-9221-connection-reset/);
    expect(test.stdout.split('\n').filter((line) => line.includes('founding-win2003.csv') && line.includes('9221'))).toHaveLength(6);
  });
});

describe('logsift tail', () => {
  it('prints entries appended after it started, leaves out what the KB hides, and exits cleanly on Ctrl-C', async () => {
    const { spawn } = await import('node:child_process');
    const { appendFileSync, writeFileSync } = await import('node:fs');
    const folder = mkdtempSync(join(tmpdir(), 'logsift-cli-tail-'));
    writeFileSync(join(folder, 'app.log'), '2026-11-26 10:00:00 INFO already there\n');
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'logsift.js'), 'tail', folder, '--jsonl', '--hide-benign'], {
      env: { ...process.env, LOGSIFT_USER_DATA: mkdtempSync(join(tmpdir(), 'logsift-cli-')) },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (data: Buffer) => (out += String(data)));
    child.stderr.on('data', (data: Buffer) => (err += String(data)));
    const lines = () => out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const waitFor = async (count: number) => {
      for (let i = 0; i < 200 && lines().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    // Ready once the existing line has loaded (and been left out): it says so on stderr.
    for (let i = 0; i < 300 && !err.includes('following 1 file'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(err).toContain('logsift tail: following 1 file in');
    appendFileSync(join(folder, 'app.log'), '2026-11-26 10:00:01 WARN appended\n');
    writeFileSync(
      join(folder, 'mta.csv'),
      'Level,Date and Time,Source,Event ID,Task Category\r\n' +
        'Warning,11/23/2004 9:14:07 AM,MSExchangeMTA,9221,Operating System,A sockets error 10054 on a WSARecvEx() call was detected.\r\n' +
        'Warning,11/23/2004 9:21:33 AM,MSExchangeMTA,9221,Operating System,A sockets error 10061 on a WSARecvEx() call was detected.\r\n',
    );
    await waitFor(2);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(lines().map((line) => line.message)).toEqual(['WARN appended', 'A sockets error 10061 on a WSARecvEx() call was detected.']);
  }, 30_000);
});

describe('logsift export', () => {
  const FOUNDING = join(ROOT, 'fixtures', 'kb', 'founding-win2003.csv');

  it('writes the filtered view with the UI filters; benign entries stay out unless asked', async () => {
    const { readFileSync } = await import('node:fs');
    const folder = mkdtempSync(join(tmpdir(), 'logsift-cli-export-'));
    const out = join(folder, 'warnings.jsonl');
    const result = await logsift('export', FOUNDING, CSV, '-o', out, '--level', 'warning+', '--from', '2004-11-23T09:00:00Z', '--to', '2004-11-24');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 entry written to');
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.eventId, line.message.slice(0, 24)])).toEqual([[9221, 'A sockets error 10061 on']]);

    const all = join(folder, 'all.csv');
    expect((await logsift('export', FOUNDING, '-o', all, '--show-benign', '--query', 'WSARecvEx')).stderr).toContain('7 entries written');
    expect(readFileSync(all, 'utf8').split('\r\n')[0]).toBe('Time (UTC),Level,Source,Event ID,Category,Computer,User,Message,KB,File,Line');

    const bad = await logsift('export', FOUNDING, '-o', join(folder, 'x.csv'), '--level', 'loud');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown level "loud"');
  });
});

describe('logsift bench-queries', () => {
  it('--json prints one record per measurement, with filter values taken from the file', async () => {
    const { code, stdout } = await logsift('bench-queries', CSV, '--json');
    expect(code).toBe(0);
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(records.every((record) => record.benchmark === 'query' && record.file === 'mta_test_eventviewer_export.csv')).toBe(true);
    const byName = new Map(records.map((record) => [record.name, record]));
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining(['first-rows', 'loaded', 'load-and-error-count', 'filter-level', 'filter-provider', 'filter-event-id', 'filter-time-range', 'filter-substring', 'filter-regex', 'sort-provider', 'deep-page-0', 'peak-rss']),
    );
    expect(byName.get('loaded')).toMatchObject({ rows: 239, events: 239 });
    expect(byName.get('filter-provider').query).toMatch(/^provider:"/);
    expect(byName.get('filter-event-id').query).toMatch(/^id:\d+$/);
    for (const name of ['filter-level', 'filter-provider', 'sort-provider', 'deep-page-0']) {
      expect(byName.get(name).runsMs).toHaveLength(3);
      expect(byName.get(name).matches).toBeGreaterThanOrEqual(0);
    }
  });

  it('--load-and-count stops after the load and the error count', async () => {
    const { code, stdout } = await logsift('bench-queries', CSV, '--json', '--load-and-count');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((line) => JSON.parse(line).name)).toEqual(['first-rows', 'loaded', 'load-and-error-count', 'peak-rss']);
  });
});

describe('logsift serve', () => {
  it('refuses a --host other machines can reach unless --allow-remote is given', async () => {
    const { code, stderr } = await logsift('serve', '--host', '0.0.0.0', '--port', '0');
    expect(code).toBe(2);
    expect(stderr).toContain('--host 0.0.0.0 would let other machines reach these logs; add --allow-remote');
  });

  it('with --allow-remote, listens and warns that anyone with the URL can read the logs', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'logsift.js'), 'serve', '--host', '0.0.0.0', '--port', '0', '--allow-remote'], {
      env: { ...process.env, LOGSIFT_USER_DATA: mkdtempSync(join(tmpdir(), 'logsift-cli-')) },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    try {
      await until(() => out.includes('Logsift is running at'), 20_000);
      expect(out).toMatch(/http:\/\/0\.0\.0\.0:\d+\/\?token=/);
      expect(err).toContain('warning: listening on 0.0.0.0, reachable from other machines');
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
