import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readSidecar, sidecarPlace, writeSidecar, type SidecarBookmark } from './sidecar-file';
import { isSidecarName, temporaryPathFor } from './sidecar-name';

const BOOKMARK: SidecarBookmark = { line: 12, comment: 'the first 10054', created: '2026-11-26T09:30:00.000Z', message: 'A sockets error 10054' };

describe('sidecar files', () => {
  let folder: string;
  let userData: string;
  let log: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'logsift-sidecar-'));
    userData = mkdtempSync(join(tmpdir(), 'logsift-sidecar-user-'));
    log = join(folder, 'Application.csv');
  });

  it('recognises sidecars and their temporary files by name, and nothing else', () => {
    expect(isSidecarName('/logs/app.log.logsift.json')).toBe(true);
    expect(isSidecarName('APP.LOG.LOGSIFT.JSON')).toBe(true);
    expect(isSidecarName(temporaryPathFor('/logs/app.log.logsift.json'))).toBe(true);
    expect(isSidecarName('/logs/app.log')).toBe(false);
    expect(isSidecarName('/logs/logsift.json')).toBe(false);
    expect(isSidecarName('/logs/app.logsift.json.bak')).toBe(false);
  });

  it('is beside the file, or in user data under the hash of its path; an archive member has no place beside it', () => {
    const digest = createHash('sha256').update(log).digest('hex');
    expect(sidecarPlace(log, true, userData)).toEqual({ beside: `${log}.logsift.json`, fallback: join(userData, 'sidecars', `${digest}.json`) });
    expect(sidecarPlace(`${folder}/a.zip!../../x.log`, false, userData).beside).toBeNull();
  });

  it('writes the documented shape beside the file, in line order, and reads it back', async () => {
    const place = sidecarPlace(log, true, userData);
    const second = { ...BOOKMARK, line: 3, comment: '' };
    expect(await writeSidecar(place, log, [BOOKMARK, second])).toBe(place.beside);
    expect(JSON.parse(readFileSync(place.beside!, 'utf8'))).toEqual({ logsift: 'bookmarks', version: 1, file: 'Application.csv', bookmarks: [second, BOOKMARK] });
    expect(await readSidecar(place)).toEqual({ bookmarks: [second, BOOKMARK], problem: null });
    expect(readdirSync(folder)).toEqual(['Application.csv.logsift.json']);
  });

  it('falls back to user data when the sidecar cannot be written beside the file, and reads the newer of two', async () => {
    const place = sidecarPlace(log, true, userData);
    writeFileSync(place.beside!, JSON.stringify({ logsift: 'bookmarks', version: 1, file: 'Application.csv', bookmarks: [] }));
    utimesSync(place.beside!, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    // Tests run as root, for whom nothing is read-only: a folder that does not exist fails the same way.
    const blocked = sidecarPlace(join(folder, 'missing-folder', 'x.log'), true, userData);
    expect(await writeSidecar(blocked, log, [BOOKMARK])).toBe(blocked.fallback);
    expect((await readSidecar(blocked)).bookmarks).toEqual([BOOKMARK]);

    // Written to user data while an older copy stays beside the file: the newer one is read.
    writeFileSync(place.fallback, `${JSON.stringify({ logsift: 'bookmarks', version: 1, file: 'Application.csv', bookmarks: [BOOKMARK] })}\n`);
    expect((await readSidecar(place)).bookmarks).toEqual([BOOKMARK]);
    // A save beside the file replaces the copy in user data.
    expect(await writeSidecar(place, log, [BOOKMARK])).toBe(place.beside);
    expect(readdirSync(join(userData, 'sidecars'))).toEqual([blocked.fallback.split('/').pop()]);
  });

  it('refuses a file that is not one of ours, naming the field and the reason', async () => {
    const place = sidecarPlace(log, true, userData);
    const cases: [string, RegExp][] = [
      ['{"logsift": "bookmarks", "version": 1, "file": "a", "bookmarks": [{"line": -1, "comment": "", "created": "2026-11-26T09:30:00Z", "message": ""}]}', /bookmarks\.0\.line: /],
      ['{"logsift": "bookmarks", "version": 2, "file": "a", "bookmarks": []}', /version: /],
      ['{"logsift": "bookmarks", "version": 1, "file": "a", "bookmarks": [{"line": 1, "comment": "", "created": "yesterday", "message": ""}]}', /bookmarks\.0\.created: /],
      ['[1, 2', /JSON/],
    ];
    for (const [text, reason] of cases) {
      writeFileSync(place.beside!, text);
      const content = await readSidecar(place);
      expect(content.bookmarks).toBeNull();
      expect(content.problem).toMatch(reason);
      expect(content.problem).toContain(`${place.beside}: not a Logsift bookmarks file (`);
    }
  });

  it('removes the sidecar when no bookmark is left; a directory in its place is not a sidecar', async () => {
    const place = sidecarPlace(log, true, userData);
    await writeSidecar(place, log, [BOOKMARK]);
    expect(await writeSidecar(place, log, [])).toBeNull();
    expect(readdirSync(folder)).toEqual([]);
    mkdirSync(place.beside!);
    expect(await readSidecar(place)).toEqual({ bookmarks: [], problem: null });
    expect(await writeSidecar(place, log, [BOOKMARK])).toBe(place.fallback);
    expect(readdirSync(place.beside!)).toEqual([]);
    expect(readdirSync(folder)).toEqual(['Application.csv.logsift.json']);
  });
});
