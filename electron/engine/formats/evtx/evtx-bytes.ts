/**
 * Byte-level helpers for the .evtx reader: CRC-32, UTF-16LE and hex decoding, signature tests.
 * Everything takes explicit bounds; callers check them before reading, so a damaged length can
 * never make a read run past the chunk.
 */
import * as zlib from 'node:zlib';

/** The reflected CRC-32 (IEEE 802.3, zlib's) table, for runtimes without a native one. */
const CRC_TABLE = ((): Int32Array => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** Node's native CRC-32 (zlib, Node ≥ 20.15): every chunk's record data is checked, so it matters. */
const nativeCrc32: ((data: Uint8Array, value?: number) => number) | undefined = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of bytes[start, end); pass a previous result as `seed` to continue over another range. */
export function crc32(bytes: Uint8Array, start: number, end: number, seed = 0): number {
  if (nativeCrc32) return nativeCrc32(bytes.subarray(start, end), seed);
  let crc = ~seed;
  const table = CRC_TABLE;
  for (let i = start; i < end; i++) crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}

/**
 * windows-1252 at 0x80–0x9F (elsewhere it is Latin-1). Kept here because Node's TextDecoder
 * decodes its "windows-1252" as plain Latin-1; undefined code points stay as their byte value.
 */
const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/** A Buffer over the bytes last decoded from (a chunk): Buffer's UTF-16 decoder beats TextDecoder. */
let lastBytes: Uint8Array | undefined;
let lastBuffer: Buffer = Buffer.alloc(0);

/**
 * Decodes `count` UTF-16LE code units at `offset`, unpaired surrogates kept as stored. Very short
 * strings are built directly: cheaper than a call into the native decoder.
 */
export function utf16(bytes: Uint8Array, offset: number, count: number): string {
  if (count <= 0) return '';
  if (count <= 8) {
    let text = '';
    for (let i = 0, p = offset; i < count; i++, p += 2) text += String.fromCharCode((bytes[p] as number) | ((bytes[p + 1] as number) << 8));
    return text;
  }
  if (bytes !== lastBytes) {
    lastBytes = bytes;
    lastBuffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return lastBuffer.toString('utf16le', offset, offset + count * 2);
}

/** ANSI (windows-1252, the code page Windows writes ANSI event strings in) text of bytes[start, end). */
export function ansi(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    text += byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return text;
}

/** Drops the NUL terminators that fixed-size string values carry. */
export function trimNuls(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return end === text.length ? text : text.slice(0, end);
}

const HEX_UPPER: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Upper-case hex of bytes[start, end), no separators: how Event Viewer shows binary data. */
export function hexBytes(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += HEX_UPPER[bytes[i] as number];
  return text;
}

/** Whether bytes at `offset` spell `signature` (ASCII). */
export function hasSignature(bytes: Uint8Array, offset: number, signature: string): boolean {
  if (offset < 0 || offset + signature.length > bytes.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[offset + i] !== signature.charCodeAt(i)) return false;
  return true;
}

/** Whether bytes[start, end) are all zero (pre-allocated, never used space). */
export function isZeroFilled(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** "0x1a2b" for file offsets in damage reports. */
export function hexOffset(offset: number): string {
  return `0x${offset.toString(16)}`;
}

/** A 64-bit little-endian unsigned integer as a Number (exact up to 2^53, close beyond). */
export function u64(view: DataView, offset: number): number {
  return view.getUint32(offset + 4, true) * 0x1_0000_0000 + view.getUint32(offset, true);
}
