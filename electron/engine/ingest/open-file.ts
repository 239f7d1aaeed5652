/**
 * Opening a file to read it as a log. Three things can go wrong before any byte is read, and each
 * gets plain words rather than a system error:
 *
 * - the open itself never blocks: a FIFO with no writer would otherwise hold a thread of the
 *   thread pool forever (O_NONBLOCK, which regular files ignore);
 * - only regular files are read: a device such as /dev/zero never ends, a FIFO or socket has no
 *   size and no start to come back to, a folder is not a log;
 * - failures say what the user can act on ("permission denied (EACCES)"), not an errno dump.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat as statPath, type FileHandle } from 'node:fs/promises';

/** Read-only, never waiting for a FIFO's writer. Windows has no FIFOs to wait for (nor the flag). */
export const READ_NONBLOCKING = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK);

/** Why a file could not be opened, or what it is instead of a log file; `size` when known. */
export class OpenFailure extends Error {
  constructor(
    readonly reason: string,
    readonly size = 0,
  ) {
    super(reason);
    this.name = 'OpenFailure';
  }
}

/** Opens a regular file for reading; rejects with an OpenFailure whose reason names no path. */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; stat: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(path, READ_NONBLOCKING);
  } catch (error) {
    // A file that may not be read can often still be looked at: its size is what was not read.
    const info = await statPath(path).catch(() => undefined);
    throw new OpenFailure(describeOpenError(error as NodeJS.ErrnoException), info?.isFile() ? info.size : 0);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new OpenFailure('is a directory, not a file');
    if (!stat.isFile()) throw new OpenFailure(`not a regular file (${fileKind(stat)}) — only regular files are read`);
    return { handle, stat };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** What a non-regular file is, in words. */
export function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'folder';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isFIFO()) return 'FIFO/named pipe';
  if (stat.isSocket()) return 'socket';
  if (stat.isSymbolicLink()) return 'symbolic link';
  return 'not a file';
}

export function describeOpenError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${error.code}) — the file could not be opened`;
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'a symbolic link loop (ELOOP) — the file could not be opened';
    case 'ENOTDIR':
      return 'no such file (a part of its path is not a folder)';
    case 'EMFILE':
    case 'ENFILE':
      return `too many files open (${error.code}) — the file could not be opened; close some sources and try again`;
    default:
      return error.code ? `could not be opened (${error.code}: ${error.message})` : `could not be opened (${error.message})`;
  }
}

/** A number as people read it in messages: 12,345,678. */
export function grouped(value: number): string {
  return value.toLocaleString('en-US');
}
