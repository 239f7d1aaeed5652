/**
 * What a followed file is, whatever its name: its identity (device, inode, birth time) and its first
 * bytes. Renames, second names (links) and copies (copy-truncate rotation) are told apart by these.
 */
import { open, stat as statPath } from 'node:fs/promises';
import { READ_NONBLOCKING } from '../ingest/open-file';

/** Bytes of a file's start kept to recognise copies of it (copy-truncate rotation). */
export const HEAD_BYTES = 1024;

/**
 * A file's identity: device and inode, and its birth time where the system keeps one, because a
 * file deleted and re-created at once often gets the same inode number back.
 */
export function fileIdentity(stat: { dev: number; ino: number; birthtimeMs: number }): string {
  return `${stat.dev}:${stat.ino}:${Math.round(stat.birthtimeMs)}`;
}

/** Whether `path` still names the file with this identity (then another name for it is not a rename). */
export async function isStillNamed(path: string | null, identity: string): Promise<boolean> {
  if (path === null) return false;
  const info = await statPath(path).catch(() => undefined);
  return info !== undefined && fileIdentity(info) === identity;
}

/** The identity, first bytes and size of a regular file; undefined for anything else or on error. */
export async function identityAndHead(path: string): Promise<{ identity: string; head: Uint8Array; size: number } | undefined> {
  try {
    // Never blocks: a FIFO that took a followed file's name must not hold the thread.
    const handle = await open(path, READ_NONBLOCKING);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return undefined;
      const head = new Uint8Array(Math.min(HEAD_BYTES, stat.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return { identity: fileIdentity(stat), head: head.subarray(0, bytesRead), size: stat.size };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
