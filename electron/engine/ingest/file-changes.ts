/**
 * What happened to a file while it was read. Logs are written, rotated and cleaned up while people
 * open them; the reader holds the file open from start to end, and this is what the user is told:
 *
 * - It became shorter (copy-truncate rotation, a cleanup): reading ends where the file ended. What
 *   was read stays; the note gives the byte where reading ended, the lines (or records) read before
 *   it, and how many bytes of the file as it was opened were never read, so the accounting does not
 *   claim them.
 * - It was deleted: an open file stays readable until it is closed (Linux and macOS; on Windows,
 *   libuv opens files with FILE_SHARE_DELETE, with the same effect), so the whole file as it was is
 *   read and nothing is lost. The note says so, because the entries now come from a file that no
 *   longer exists: reading it again ("Read as…") will fail, and nothing more will come from it.
 * - Another file took its name (rotation by rename): the file that was opened is read to its end;
 *   the note says the name now holds another file, which can be opened as a source of its own.
 */
import type { Stats } from 'node:fs';
import { stat as statPath, type FileHandle } from 'node:fs/promises';
import { grouped } from './open-file';

export interface ReadReach {
  /** Bytes of the file consumed, from its start. */
  bytesRead: number;
  /** What was read before the end, in words: "5,000 lines", "1,234 records". */
  before: string;
}

/** Notes (reasons, without the path) about changes to the file since it was opened. */
export async function changesWhileRead(path: string, handle: FileHandle, opened: Stats, reach: ReadReach): Promise<string[]> {
  const notes: string[] = [];
  if (reach.bytesRead < opened.size) {
    const now = await handle.stat();
    notes.push(
      `the file became shorter while it was read (at byte ${grouped(reach.bytesRead)}; ${reach.before} read before) — ` +
        `it was ${grouped(opened.size)} bytes when opened and is ${grouped(now.size)} now; ` +
        `${grouped(opened.size - reach.bytesRead)} bytes were not read`,
    );
  }
  const there = await statPath(path).catch((error: NodeJS.ErrnoException) => error.code);
  if (there === 'ENOENT') {
    notes.push(`the file was deleted while it was read; it was still read to its end (${grouped(reach.bytesRead)} bytes), as an open file stays readable — it cannot be read again`);
  } else if (typeof there === 'object' && (there.ino !== opened.ino || there.dev !== opened.dev)) {
    notes.push(`another file took this file's name while it was read; the file as it was opened was read (${grouped(reach.bytesRead)} bytes)`);
  }
  return notes;
}
