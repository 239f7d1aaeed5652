/**
 * A log's bookmarks on disk: a small JSON "sidecar" next to the log (`app.log.logsift.json`), so
 * that they travel with the file, or — when nothing can be written there (a read-only share, a
 * member of an archive) — in the user-data folder under a name derived from the log's path.
 *
 * A sidecar that does not validate is reported and never overwritten: it may hold the user's only
 * copy of their notes.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { SIDECAR_SUFFIX, temporaryPathFor } from './sidecar-name';

/** How much of an entry's message a bookmark keeps, to notice that the file changed under it. */
export const MESSAGE_PREFIX_CHARS = 200;

/** Larger than any real set of bookmarks: a bigger "sidecar" is not one of ours. */
const MAX_SIDECAR_BYTES = 32 * 1024 * 1024;

/** Lines are stored as DuckDB INTEGERs. */
const MAX_LINE = 2 ** 31 - 1;

const sidecarSchema = z.object({
  logsift: z.literal('bookmarks'),
  version: z.literal(1),
  file: z.string().max(4096),
  bookmarks: z
    .array(
      z.object({
        line: z.number().int().min(0).max(MAX_LINE),
        comment: z.string().max(10_000),
        created: z.iso.datetime({ offset: true }),
        message: z.string().max(100_000),
      }),
    )
    .max(1_000_000),
});

export type SidecarBookmark = z.infer<typeof sidecarSchema>['bookmarks'][number];

/** Where a log's bookmarks may be: beside it (null when it is not a file of its own), or in user data. */
export interface SidecarPlace {
  beside: string | null;
  fallback: string;
}

export type SidecarContent = { bookmarks: SidecarBookmark[]; problem: null } | { bookmarks: null; problem: string };

/**
 * The places for a source's bookmarks. `sourcePath` is the path the user knows (absolute; for an
 * archive member `archive.zip!member`, which has no folder to write into: `onDisk` false).
 */
export function sidecarPlace(sourcePath: string, onDisk: boolean, userDataDir: string): SidecarPlace {
  // The path as given, not normalised: `a.zip!../x` must not share a name with the file `x`.
  const digest = createHash('sha256').update(sourcePath).digest('hex');
  return { beside: onDisk ? `${sourcePath}${SIDECAR_SUFFIX}` : null, fallback: join(userDataDir, 'sidecars', `${digest}.json`) };
}

/**
 * Reads a log's bookmarks (none when there is no sidecar). When both places hold one — the folder
 * became read-only after a save beside the log — the newer one is what was saved last.
 */
export async function readSidecar(place: SidecarPlace): Promise<SidecarContent> {
  const found: { path: string; modified: number; size: number }[] = [];
  for (const path of [place.beside, place.fallback]) {
    if (path === null) continue;
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) found.push({ path, modified: info.mtimeMs, size: info.size });
  }
  const newest = found.sort((a, b) => b.modified - a.modified)[0];
  if (!newest) return { bookmarks: [], problem: null };
  const refused = (why: string): SidecarContent => ({
    bookmarks: null,
    problem: `${newest.path}: not a Logsift bookmarks file (${why}); it is left as it is, and this file's bookmarks are neither shown nor saved until it is fixed or removed`,
  });
  if (newest.size > MAX_SIDECAR_BYTES) return refused(`larger than ${MAX_SIDECAR_BYTES / 1024 / 1024} MB`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(newest.path, 'utf8'));
  } catch (error) {
    return refused(error instanceof Error ? error.message : String(error));
  }
  const result = sidecarSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return refused(`${issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  return { bookmarks: result.data.bookmarks, problem: null };
}

/**
 * Saves a log's bookmarks, in line order, beside the log when that works and in user data when it
 * does not; with none left, the sidecar is removed. Returns where they are now (null: nowhere).
 * Throws only when neither place can be written.
 */
export async function writeSidecar(place: SidecarPlace, sourcePath: string, bookmarks: readonly SidecarBookmark[]): Promise<string | null> {
  if (bookmarks.length === 0) return removeSidecar(place, sourcePath);
  const sorted = [...bookmarks].sort((a, b) => a.line - b.line);
  const text = `${JSON.stringify({ logsift: 'bookmarks', version: 1, file: basename(sourcePath), bookmarks: sorted }, null, 2)}\n`;
  if (place.beside !== null) {
    try {
      await writeAtomically(place.beside, text);
      // The copy in user data is older now; left there it would be read instead of this one
      // whenever the clock or the file system's times disagree.
      await rm(place.fallback, { force: true });
      return place.beside;
    } catch {
      // Not writable there (read-only folder or share, or something in the way): user data.
    }
  }
  await mkdir(dirname(place.fallback), { recursive: true });
  await writeAtomically(place.fallback, text);
  return place.fallback;
}

async function removeSidecar(place: SidecarPlace, sourcePath: string): Promise<string | null> {
  await rm(place.fallback, { force: true });
  if (place.beside === null || !(await stat(place.beside).catch(() => undefined))?.isFile()) return null;
  try {
    await rm(place.beside);
    return null;
  } catch {
    // A sidecar that cannot be removed would bring the bookmarks back: an empty, newer copy in
    // user data is read instead.
    await mkdir(dirname(place.fallback), { recursive: true });
    await writeAtomically(place.fallback, `${JSON.stringify({ logsift: 'bookmarks', version: 1, file: basename(sourcePath), bookmarks: [] }, null, 2)}\n`);
    return place.fallback;
  }
}

/** Writes through a temporary file in the same folder, so a crash never leaves half a sidecar. */
async function writeAtomically(target: string, text: string): Promise<void> {
  const temporary = temporaryPathFor(target);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
