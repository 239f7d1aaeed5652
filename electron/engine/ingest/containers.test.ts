import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerKind, expandArchives } from './containers';

const ARCHIVES = join(__dirname, '..', '..', '..', 'fixtures', 'archives');
const LOGS = join(__dirname, '..', '..', '..', 'fixtures', 'logs');

describe('archives', () => {
  it('recognises gzip and zip by their magic bytes only', () => {
    expect(containerKind(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(containerKind(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('zip');
    expect(containerKind(new Uint8Array(Buffer.from('PK..')))).toBeUndefined();
  });

  it('opens the member of a .gz as its own source', async () => {
    const work = mkdtempSync(join(tmpdir(), 'logsift-archive-'));
    const [member, ...rest] = await expandArchives(join(ARCHIVES, 'plaso_syslog.gz'), work);
    expect(rest).toEqual([]);
    expect(member!.path).toBe(join(ARCHIVES, 'plaso_syslog.gz!plaso_syslog'));
    expect(readFileSync(member!.readPath, 'utf8')).toContain('Jan 22 07:52:33');
  });

  it('opens every file of a .zip, never writing outside its own folder, skipping folders and __MACOSX', async () => {
    const work = mkdtempSync(join(tmpdir(), 'logsift-archive-'));
    const members = await expandArchives(join(ARCHIVES, 'exports.zip'), work);
    expect(members.map((m) => m.path.split('!')[1])).toEqual([
      'Application export/mta_test_eventviewer_export.csv',
      '../../escape/exchange-transport-sample.log',
    ]);
    for (const member of members) expect(member.readPath.startsWith(work)).toBe(true);
    expect(readFileSync(members[0]!.readPath)).toEqual(readFileSync(join(LOGS, 'eventviewer-csv', 'mta_test_eventviewer_export.csv')));
    expect(existsSync(join(work, '..', 'escape'))).toBe(false);
  });

  it('leaves other files alone and names the archive when it is damaged', async () => {
    const work = mkdtempSync(join(tmpdir(), 'logsift-archive-'));
    const plain = join(LOGS, 'text', 'lnav_logfile_java.0');
    expect(await expandArchives(plain, work)).toEqual([{ path: plain, readPath: plain }]);
    const broken = join(work, 'broken.zip');
    writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('not really a zip')]));
    await expect(expandArchives(broken, work)).rejects.toThrow(`${broken}: damaged zip archive`);
    const badGzip = join(work, 'broken.gz');
    writeFileSync(badGzip, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    await expect(expandArchives(badGzip, work)).rejects.toThrow(`${badGzip}: damaged gzip data`);
  });
});
