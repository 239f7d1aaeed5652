/**
 * The 4 KiB .evtx file header: signature `ElfFile\0`, first/last chunk numbers, next record id,
 * version, chunk count, flags and a CRC-32 of its first 120 bytes. Only advisory for reading:
 * chunks are self-describing, so a bad header is reported and the chunks are read anyway.
 */
import { crc32, hasSignature, u64 } from './evtx-bytes';

export const FILE_SIGNATURE = 'ElfFile\0';
export const FILE_HEADER_BLOCK_SIZE = 4096;
const HEADER_CHECKSUMMED_BYTES = 120;

/** The header's fields, and what (if anything) is wrong with it. */
export interface FileHeader {
  readonly firstChunk: number;
  readonly lastChunk: number;
  readonly nextRecordId: number;
  readonly majorVersion: number;
  readonly minorVersion: number;
  readonly chunkCount: number;
  /** 1 = dirty (not closed cleanly), 2 = full. */
  readonly flags: number;
  /** Undefined when the header is sound; else why it is not trusted. */
  readonly problem: string | undefined;
}

/** Reads and checks the file header in `bytes` (the first 4 KiB, possibly fewer). */
export function readFileHeader(bytes: Uint8Array): FileHeader {
  if (bytes.length < 128 || !hasSignature(bytes, 0, FILE_SIGNATURE)) {
    return { firstChunk: 0, lastChunk: 0, nextRecordId: 0, majorVersion: 0, minorVersion: 0, chunkCount: 0, flags: 0, problem: 'no ElfFile signature' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = view.getUint32(124, true);
  const computed = crc32(bytes, 0, HEADER_CHECKSUMMED_BYTES);
  const majorVersion = view.getUint16(38, true);
  let problem: string | undefined;
  if (stored !== computed) problem = `header checksum mismatch (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`;
  else if (majorVersion !== 3) problem = `unknown format version ${majorVersion}`;
  return {
    firstChunk: u64(view, 8),
    lastChunk: u64(view, 16),
    nextRecordId: u64(view, 24),
    minorVersion: view.getUint16(36, true),
    majorVersion,
    chunkCount: view.getUint16(42, true),
    flags: view.getUint32(120, true),
    problem,
  };
}
