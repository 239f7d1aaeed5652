/**
 * Archives that logs arrive in (exports are usually mailed zipped): .gz and .zip, recognised by
 * their magic bytes, not their names. Each member is extracted to the session's private temp
 * folder and opened as a source of its own, named `archive.zip!member`, so every format plugin —
 * including binary ones that need random access — reads it like any file.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { openRegularFile } from './open-file';

export type ContainerKind = 'gzip' | 'zip';

/** One file to read: what the user sees (`path`) and where its bytes are (`readPath`). */
export interface SourceFile {
  path: string;
  readPath: string;
}

/** Archives inside archives are opened up to this depth. */
const MAX_DEPTH = 3;

/** Recognises an archive from its first bytes. */
export function containerKind(head: Uint8Array): ContainerKind | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  return undefined;
}

/** Rejects for anything but a regular file (a FIFO must not block here); the reader says why. */
async function readHead(path: string): Promise<Uint8Array> {
  const { handle } = await openRegularFile(path);
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Expands a file into the files to read: itself when it is not an archive, else its members
 * (recursively). Errors name the archive and the reason.
 */
export async function expandArchives(path: string, workDir: string, depth = 0): Promise<SourceFile[]> {
  return expandAs(path, path, workDir, depth);
}

async function expandAs(displayPath: string, readPath: string, workDir: string, depth: number): Promise<SourceFile[]> {
  const kind = await readHead(readPath).then(containerKind, () => undefined);
  if (!kind || depth >= MAX_DEPTH) return [{ path: displayPath, readPath }];
  await mkdir(workDir, { recursive: true });
  const folder = await mkdtemp(join(workDir, `${kind}-`));
  const members = kind === 'gzip' ? [await gunzipTo(readPath, folder, displayPath)] : await unzipTo(readPath, folder, displayPath);
  const files: SourceFile[] = [];
  for (const member of members) files.push(...(await expandAs(member.path, member.readPath, workDir, depth + 1)));
  return files;
}

async function gunzipTo(readPath: string, folder: string, displayPath: string): Promise<SourceFile> {
  const name = basename(displayPath).replace(/\.(gz|gzip|tgz)$/i, '') || 'member';
  const target = join(folder, safeName(name));
  try {
    await pipeline(createReadStream(readPath), createGunzip(), createWriteStream(target));
  } catch (error) {
    throw new Error(`${displayPath}: damaged gzip data: ${(error as Error).message}`);
  }
  return { path: `${displayPath}!${name}`, readPath: target };
}

function unzipTo(readPath: string, folder: string, displayPath: string): Promise<SourceFile[]> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`${displayPath}: damaged zip archive: ${error.message}`));
    // Names are decoded here rather than by yauzl, which refuses a whole archive over one odd name
    // ("../x"); such a member is still a log to read, just never a path to write to.
    yauzl.open(readPath, { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true }, (openError, zip) => {
      if (openError || !zip) return fail(openError ?? new Error('cannot open'));
      const members: SourceFile[] = [];
      let index = 0;
      zip.on('error', fail);
      zip.on('end', () => resolve(members));
      zip.on('entry', (entry: yauzl.Entry) => {
        const rawName = entry.fileName as unknown as Buffer;
        const fileName = (entry.generalPurposeBitFlag & 0x800) !== 0 ? rawName.toString('utf8') : rawName.toString('latin1');
        // Folders and macOS resource forks carry no logs.
        if (fileName.endsWith('/') || fileName.startsWith('__MACOSX/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error(`cannot read ${fileName}`));
          // Member names are attacker-controlled: never let one choose where it is written.
          const target = join(folder, `${index++}-${safeName(basename(fileName))}`);
          pipeline(stream, createWriteStream(target)).then(() => {
            members.push({ path: `${displayPath}!${fileName}`, readPath: target });
            zip.readEntry();
          }, fail);
        });
      });
      zip.readEntry();
    });
  });
}

function safeName(name: string): string {
  return name.replace(/[^\w.\-() ]/g, '_').slice(0, 120) || 'member';
}
