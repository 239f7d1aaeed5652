/**
 * The fixed structures of a legacy event log (.evt): the 0x30-byte file header, the 0x28-byte
 * end-of-file record and the fixed part of an event record. All values are little-endian.
 */

/** Size of the file header; the ring buffer of records starts right after it. */
export const HEADER_SIZE = 0x30;
/** Size of the end-of-file record written after the newest record. */
export const EOF_RECORD_SIZE = 0x28;
/** Size of an event record's fixed fields, before the source name. */
export const RECORD_FIXED_SIZE = 0x38;
/** Smallest possible record: fixed fields, two empty names (a NUL each) and the length copy. */
export const MIN_RECORD_SIZE = RECORD_FIXED_SIZE + 2 + 2 + 4;
/** "LfLe" read as a little-endian 32-bit value. */
export const SIGNATURE = 0x654c664c;

/** Header flag: the log was open for writing (the header's offsets may be stale). */
export const FLAG_DIRTY = 0x1;
/** Header flag: the ring has wrapped at least once. */
export const FLAG_WRAPPED = 0x2;
/** Header flag: the last write failed for lack of space. */
export const FLAG_LOG_FULL = 0x4;
/** Header flag: the log should be archived. */
export const FLAG_ARCHIVE = 0x8;

/** The four marker values that follow the size in an end-of-file record. */
const EOF_MARKERS = [0x11111111, 0x22222222, 0x33333333, 0x44444444] as const;

/** Reads an unsigned 32-bit little-endian value; 0 past the end (callers check lengths first). */
export function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

/** Reads an unsigned 16-bit little-endian value. */
export function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

/** True when "LfLe" starts at `at`. */
export function hasSignature(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 4 && u32(bytes, at) === SIGNATURE;
}

/** The file header (ELF_LOGFILE_HEADER). */
export interface EvtHeader {
  majorVersion: number;
  minorVersion: number;
  /** Offset of the oldest record; stale when the file is dirty. */
  startOffset: number;
  /** Offset of the end-of-file record; stale when the file is dirty. */
  endOffset: number;
  /** Number the next record will get. */
  currentRecordNumber: number;
  oldestRecordNumber: number;
  maxSize: number;
  flags: number;
  retention: number;
}

/** Reads the header, or undefined when the first bytes are not one (size, signature, size copy). */
export function parseHeader(bytes: Uint8Array): EvtHeader | undefined {
  if (bytes.length < HEADER_SIZE || u32(bytes, 0) !== HEADER_SIZE || !hasSignature(bytes, 4)) return undefined;
  // The size copy at the end tells a header from a record that merely starts the file.
  if (u32(bytes, 44) !== HEADER_SIZE) return undefined;
  return {
    majorVersion: u32(bytes, 8),
    minorVersion: u32(bytes, 12),
    startOffset: u32(bytes, 16),
    endOffset: u32(bytes, 20),
    currentRecordNumber: u32(bytes, 24),
    oldestRecordNumber: u32(bytes, 28),
    maxSize: u32(bytes, 32),
    flags: u32(bytes, 36),
    retention: u32(bytes, 40),
  };
}

/** The end-of-file record (ELF_EOF_RECORD): where the service last left the ring. */
export interface EofRecord {
  /** Where it was found in the file. */
  offset: number;
  /** Offset of the oldest record, as the service last knew it. */
  beginOffset: number;
  /** Offset of this record, as the service wrote it (equals `offset` unless stale). */
  endOffset: number;
  nextRecordNumber: number;
  oldestRecordNumber: number;
}

/** Reads an end-of-file record from 0x28 bytes, or undefined when they are not one. */
export function parseEofRecord(bytes: Uint8Array, offset: number): EofRecord | undefined {
  if (bytes.length < EOF_RECORD_SIZE || u32(bytes, 0) !== EOF_RECORD_SIZE || u32(bytes, 36) !== EOF_RECORD_SIZE) return undefined;
  if (EOF_MARKERS.some((marker, i) => u32(bytes, 4 + i * 4) !== marker)) return undefined;
  return {
    offset,
    beginOffset: u32(bytes, 20),
    endOffset: u32(bytes, 24),
    nextRecordNumber: u32(bytes, 28),
    oldestRecordNumber: u32(bytes, 32),
  };
}

/** True when the first marker of an end-of-file record (after its size) starts at `at`. */
export function hasEofMarker(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 8 && u32(bytes, at) === EOF_MARKERS[0] && u32(bytes, at + 4) === EOF_MARKERS[1];
}

/** The fixed fields of an event record (EVENTLOGRECORD), at their offsets. */
export const RECORD = {
  length: 0,
  signature: 4,
  recordNumber: 8,
  timeGenerated: 12,
  timeWritten: 16,
  eventId: 20,
  eventType: 24,
  stringCount: 26,
  category: 28,
  reservedFlags: 30,
  closingRecordNumber: 32,
  stringsOffset: 36,
  sidLength: 40,
  sidOffset: 44,
  dataLength: 48,
  dataOffset: 52,
} as const;
