/**
 * What one chunk's records share while they are parsed: the chunk's bytes and the names and
 * template definitions already read from it (both are referenced by offset within the chunk).
 */
import type { Template } from './binxml-model';
import { hexOffset, utf16 } from './evtx-bytes';

/** Names are element/attribute names: far shorter than this in any real log. */
const MAX_NAME_CHARS = 1024;
/** Names and templates live in the record area, after the 512-byte chunk header. */
export const CHUNK_HEADER_SIZE = 512;

/** Damage inside a record's Binary XML; the message says what and where. */
export class BinXmlError extends Error {}

/** What a chunk shares between its records: its bytes and the names and templates already read. */
export interface ChunkContext {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly names: Map<number, string>;
  readonly templates: Map<number, Template | BinXmlError>;
}

/** Creates the per-chunk context for bytes that hold one chunk (possibly cut short). */
export function chunkContext(bytes: Uint8Array): ChunkContext {
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), names: new Map(), templates: new Map() };
}

/** Characters of the name structure at `offset` (next-offset u32, hash u16, count u16, UTF-16, NUL). */
export function nameCount(context: ChunkContext, offset: number): number {
  if (offset < CHUNK_HEADER_SIZE || offset + 8 > context.bytes.length) return -1;
  const count = context.view.getUint16(offset + 6, true);
  return count > MAX_NAME_CHARS || offset + 8 + count * 2 > context.bytes.length ? -1 : count;
}

/** The name stored at `offset`, from the cache when it was read before. */
export function nameAt(context: ChunkContext, offset: number): string {
  const cached = context.names.get(offset);
  if (cached !== undefined) return cached;
  const count = nameCount(context, offset);
  if (count < 0) throw new BinXmlError(`bad name offset ${hexOffset(offset)}`);
  const name = utf16(context.bytes, offset + 8, count);
  context.names.set(offset, name);
  return name;
}
