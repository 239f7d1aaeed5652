/**
 * Test support for the .evt reader: builds records, headers and end-of-file records byte by byte,
 * lays them out in a ring (wrapping at the end of the file), and runs the plugin over bytes in
 * memory. Only the unit tests use it.
 */
import type { ParsedEvent } from '../../../../shared/model/log-event';
import type { DamageReport, RandomAccessFile } from '../binary-format';
import type { ParseContext } from '../format';
import { evt } from './evt';
import { EOF_RECORD_SIZE, HEADER_SIZE, RECORD_FIXED_SIZE, SIGNATURE, type EvtHeader } from './evt-layout';

/** Fields of a record to build; anything left out gets a plain default. */
export interface RecordSpec {
  recordNumber: number;
  timeGenerated?: number;
  timeWritten?: number;
  eventId?: number;
  eventType?: number;
  category?: number;
  source?: string;
  computer?: string;
  sid?: Uint8Array;
  strings?: readonly string[];
  data?: Uint8Array;
}

function utf16z(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2 + 2);
  for (let i = 0; i < text.length; i++) {
    bytes[i * 2] = text.charCodeAt(i) & 0xff;
    bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A binary SID: revision 1, a 48-bit authority, 32-bit sub-authorities. */
export function sidBytes(authority: number, subAuthorities: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(8 + subAuthorities.length * 4);
  const view = new DataView(bytes.buffer);
  bytes[0] = 1;
  bytes[1] = subAuthorities.length;
  view.setUint16(2, Math.floor(authority / 2 ** 32));
  view.setUint32(4, authority % 2 ** 32);
  subAuthorities.forEach((value, i) => view.setUint32(8 + i * 4, value, true));
  return bytes;
}

/** An event record laid out as Windows writes it: names, SID, strings, data, padding, length copy. */
export function buildRecord(spec: RecordSpec): Uint8Array {
  const names = concat([utf16z(spec.source ?? 'TestSource'), utf16z(spec.computer ?? 'HOST01')]);
  const sid = spec.sid ?? new Uint8Array(0);
  const strings = concat((spec.strings ?? []).map(utf16z));
  const data = spec.data ?? new Uint8Array(0);
  // Windows aligns the SID to 4 bytes after the names.
  const namesEnd = RECORD_FIXED_SIZE + names.length;
  const sidOffset = sid.length > 0 ? Math.ceil(namesEnd / 4) * 4 : namesEnd;
  const stringsOffset = sidOffset + sid.length;
  const dataOffset = stringsOffset + strings.length;
  const length = Math.ceil((dataOffset + data.length + 4) / 4) * 4;
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  const fields: [number, number][] = [
    [0, length],
    [4, SIGNATURE],
    [8, spec.recordNumber],
    [12, spec.timeGenerated ?? 1_300_000_000 + spec.recordNumber],
    [16, spec.timeWritten ?? spec.timeGenerated ?? 1_300_000_000 + spec.recordNumber],
    [20, spec.eventId ?? 100],
    [36, stringsOffset],
    [40, sid.length],
    [44, sidOffset],
    [48, data.length],
    [52, dataOffset],
    [length - 4, length],
  ];
  for (const [at, value] of fields) view.setUint32(at, value >>> 0, true);
  view.setUint16(24, spec.eventType ?? 4, true);
  view.setUint16(26, spec.strings?.length ?? 0, true);
  view.setUint16(28, spec.category ?? 0, true);
  bytes.set(names, RECORD_FIXED_SIZE);
  bytes.set(sid, sidOffset);
  bytes.set(strings, stringsOffset);
  bytes.set(data, dataOffset);
  return bytes;
}

/** Header fields a test sets (the offsets are file offsets); version and retention are fixed. */
export type HeaderSpec = Omit<EvtHeader, 'majorVersion' | 'minorVersion' | 'retention'>;

/** The 0x30-byte file header. */
export function buildHeader(spec: HeaderSpec): Uint8Array {
  const bytes = new Uint8Array(HEADER_SIZE);
  const values = [HEADER_SIZE, SIGNATURE, 1, 1, spec.startOffset, spec.endOffset, spec.currentRecordNumber, spec.oldestRecordNumber, spec.maxSize, spec.flags, 0, HEADER_SIZE];
  values.forEach((value, i) => new DataView(bytes.buffer).setUint32(i * 4, value, true));
  return bytes;
}

/** The 0x28-byte end-of-file record. */
export function buildEof(beginOffset: number, endOffset: number, nextRecordNumber: number, oldestRecordNumber: number): Uint8Array {
  const bytes = new Uint8Array(EOF_RECORD_SIZE);
  const values = [EOF_RECORD_SIZE, 0x11111111, 0x22222222, 0x33333333, 0x44444444, beginOffset, endOffset, nextRecordNumber, oldestRecordNumber, EOF_RECORD_SIZE];
  values.forEach((value, i) => new DataView(bytes.buffer).setUint32(i * 4, value, true));
  return bytes;
}

/** Writes `bytes` at ring position `offset` of `file`, continuing after the header past the end. */
export function writeRing(file: Uint8Array, offset: number, bytes: Uint8Array): number {
  let at = offset;
  for (const byte of bytes) {
    if (at >= file.length) at = HEADER_SIZE;
    file[at++] = byte;
  }
  return at >= file.length ? HEADER_SIZE : at;
}

/** Random access over bytes in memory; each read returns a fresh copy, like a file read. */
export function memoryFile(bytes: Uint8Array): RandomAccessFile & { reads: number } {
  const file = {
    size: bytes.length,
    reads: 0,
    read: async (position: number, length: number) => {
      file.reads++;
      return bytes.slice(position, Math.min(bytes.length, position + length));
    },
  };
  return file;
}

/** What the plugin reported for one file. */
export interface EvtParseResult {
  events: ParsedEvent[];
  damage: DamageReport[];
}

/** Runs the plugin over bytes in memory. */
export async function parseEvtBytes(bytes: Uint8Array, fileName = 'test.evt'): Promise<EvtParseResult> {
  const result: EvtParseResult = { events: [], damage: [] };
  const context: ParseContext = { fileName, modifiedTime: 0, options: {} };
  await evt.parse(memoryFile(bytes), { event: (event) => result.events.push(event), damaged: (report) => result.damage.push(report), progress: () => undefined }, context);
  return result;
}
