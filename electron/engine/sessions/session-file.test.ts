import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkedSession, keepUnreadableCopySync, readSessionsFile, SESSIONS_FILE, writeSessionsFileSync, type SavedSession } from './session-file';

const SESSION: SavedSession = {
  id: 'a1',
  savedAt: 1_700_000_000_000,
  files: [{ path: '/logs/app.log', source: '/logs/app.log', readOptions: { timeZone: 'UTC' }, clockOffsetMs: -5000 }],
  folders: [{ path: '/logs/live', options: { recursive: true, include: ['*.log'], exclude: [], polling: false } }],
  view: { query: { text: 'error', bookmarkedOnly: true }, hiddenColumns: ['user'] },
};

describe('the sessions file', () => {
  let userData: string;
  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'logsift-sessions-file-'));
  });

  it('is empty before the first save, and reads back what was written, newest first', async () => {
    expect(await readSessionsFile(userData)).toEqual({ sessions: [], problem: null });
    const older = { ...SESSION, id: 'old', savedAt: SESSION.savedAt - 1 };
    writeSessionsFileSync(userData, [older, SESSION]);
    expect(await readSessionsFile(userData)).toEqual({ sessions: [SESSION, older], problem: null });
    expect(readdirSync(userData)).toEqual([SESSIONS_FILE]);
  });

  it('names the field at fault in a file that does not validate', async () => {
    const bad = (session: unknown) => writeFileSync(join(userData, SESSIONS_FILE), JSON.stringify({ logsift: 'sessions', version: 1, sessions: [session] }));
    bad({ ...SESSION, files: [{ ...SESSION.files[0], path: 'relative/app.log' }] });
    expect((await readSessionsFile(userData)).problem).toMatch(/sessions\.0\.files\.0\.path: must be an absolute path/);
    bad({ ...SESSION, view: { ...SESSION.view, query: { levels: ['loud'] } } });
    expect((await readSessionsFile(userData)).problem).toMatch(/sessions\.0\.view/);
    bad({ ...SESSION, files: [{ ...SESSION.files[0], readOptions: { format: 'text', shell: 'rm -rf /' } }] });
    expect((await readSessionsFile(userData)).problem).toMatch(/readOptions/);
    writeFileSync(join(userData, SESSIONS_FILE), '{"logsift": "sess');
    expect(await readSessionsFile(userData)).toEqual({ sessions: [], problem: expect.stringContaining('JSON') });
  });

  it('keeps a copy of an unreadable file', () => {
    writeFileSync(join(userData, SESSIONS_FILE), 'not json');
    const copy = keepUnreadableCopySync(userData, 42);
    expect(copy).toBe(join(userData, 'sessions.unreadable-42.json'));
    expect(readFileSync(copy!, 'utf8')).toBe('not json');
  });

  it('refuses to save a session that would not read back', () => {
    expect(checkedSession(SESSION)).toEqual(SESSION);
    expect(() => checkedSession({ ...SESSION, folders: [{ path: 'here', options: SESSION.folders[0]!.options }] })).toThrow(/folders\.0\.path/);
  });
});
