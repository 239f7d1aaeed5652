/**
 * Decodes one event record (EVENTLOGRECORD) from its bytes, already joined if it was split across
 * the ring's wrap point. Offsets inside a record can be wrong in damaged files: every variable part
 * is bounded by the record, and what cannot be read is left out and named in `problems`.
 */
import { RECORD, RECORD_FIXED_SIZE, u16, u32 } from './evt-layout';

/** What one record holds, decoded. */
export interface EvtRecord {
  length: number;
  recordNumber: number;
  /** Unix seconds, UTC. */
  timeGenerated: number;
  timeWritten: number;
  /** The full 32-bit event identifier (severity, customer bit, facility, code). */
  eventIdentifier: number;
  eventType: number;
  category: number;
  source: string;
  computer: string;
  /** The user's SID as text (S-1-5-18), or null when the record has none. */
  sid: string | null;
  strings: string[];
  data: Uint8Array;
  /** What could not be read, in words; empty for an intact record. */
  problems: string[];
}

const utf16 = new TextDecoder('utf-16le');

/** Decodes a record; `bytes` holds exactly `length` bytes (the length field's value). */
export function decodeRecord(bytes: Uint8Array): EvtRecord {
  const length = bytes.length;
  // The strings, SID and data lie between the names and the trailing length copy.
  const end = length - 4;
  const problems: string[] = [];
  const stringCount = u16(bytes, RECORD.stringCount);
  const stringsOffset = u32(bytes, RECORD.stringsOffset);
  const sidLength = u32(bytes, RECORD.sidLength);
  const sidOffset = u32(bytes, RECORD.sidOffset);
  const dataLength = u32(bytes, RECORD.dataLength);
  const dataOffset = u32(bytes, RECORD.dataOffset);

  const sidRegion = region(sidOffset, sidLength, end);
  // Data offsets beyond the record are common when the data size is 0 and mean nothing then.
  const dataRegion = region(dataOffset, dataLength, end);
  const stringsValid = stringsOffset >= RECORD_FIXED_SIZE && stringsOffset <= end;

  // The names end where the first of the other parts begins (the strings offset is set even when
  // there are no strings: it then points at the data or the length copy).
  const namesEnd = Math.min(end, ...[sidRegion?.start, stringsValid ? stringsOffset : undefined, dataRegion?.start].filter(isNumber));
  const source = readString(bytes, RECORD_FIXED_SIZE, namesEnd);
  const computer = readString(bytes, source.next, namesEnd);

  let sid: string | null = null;
  if (sidLength > 0) {
    const text = sidRegion ? formatSid(bytes.subarray(sidRegion.start, sidRegion.start + sidLength)) : undefined;
    if (text === undefined) problems.push(sidRegion ? 'user SID is malformed' : 'user SID lies outside the record');
    sid = text ?? null;
  }

  const strings: string[] = [];
  if (stringCount > 0 && !stringsValid) {
    problems.push(`strings offset 0x${stringsOffset.toString(16)} lies outside the record: ${stringCount} insertion strings lost`);
  } else if (stringCount > 0) {
    // Strings run up to the next part that starts after them (normally the data), else the end.
    const stringsEnd = Math.min(end, ...[sidRegion?.start, dataRegion?.start].filter(isNumber).filter((start) => start >= stringsOffset));
    let at = stringsOffset;
    while (strings.length < stringCount && at < stringsEnd) {
      const text = readString(bytes, at, stringsEnd);
      if (!text.terminated) problems.push(`insertion string ${strings.length + 1} is cut short`);
      strings.push(text.value);
      at = text.next;
    }
    if (strings.length < stringCount) problems.push(`${stringCount - strings.length} of ${stringCount} insertion strings missing`);
  }

  if (dataLength > 0 && !dataRegion) problems.push(`binary data (${dataLength} bytes) lies outside the record: ignored`);
  return {
    length,
    recordNumber: u32(bytes, RECORD.recordNumber),
    timeGenerated: u32(bytes, RECORD.timeGenerated),
    timeWritten: u32(bytes, RECORD.timeWritten),
    eventIdentifier: u32(bytes, RECORD.eventId),
    eventType: u16(bytes, RECORD.eventType),
    category: u16(bytes, RECORD.category),
    source: source.value,
    computer: computer.value,
    sid,
    strings,
    data: dataRegion ? bytes.slice(dataRegion.start, dataRegion.start + dataLength) : new Uint8Array(0),
    problems,
  };
}

/**
 * Formats a binary SID (revision, sub-authority count, 48-bit big-endian authority, 32-bit
 * sub-authorities) as S-1-5-21-…; undefined when the bytes are not a whole SID.
 */
export function formatSid(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8) return undefined;
  const revision = bytes[0] ?? 0;
  const count = bytes[1] ?? 0;
  if (bytes.length < 8 + count * 4 || count > 15) return undefined;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (bytes[i] ?? 0);
  // Authorities that do not fit 32 bits are written in hex, as Windows does.
  const authorityText = authority >= 2 ** 32 ? `0x${authority.toString(16).toUpperCase().padStart(12, '0')}` : String(authority);
  const parts = [`S-${revision}-${authorityText}`];
  for (let i = 0; i < count; i++) parts.push(String(u32(bytes, 8 + i * 4)));
  return parts.join('-');
}

/** Decodes UTF-16LE text without a terminator (names and strings are UTF-16LE in every .evt). */
export function decodeUtf16(bytes: Uint8Array): string {
  return utf16.decode(bytes);
}

interface ReadText {
  value: string;
  /** Offset just past the terminator (or at the limit when there was none). */
  next: number;
  terminated: boolean;
}

/** Reads a NUL-terminated UTF-16LE string starting at `start`, never past `limit`. */
function readString(bytes: Uint8Array, start: number, limit: number): ReadText {
  let at = start;
  while (at + 1 < limit) {
    if (bytes[at] === 0 && bytes[at + 1] === 0) return { value: utf16.decode(bytes.subarray(start, at)), next: at + 2, terminated: true };
    at += 2;
  }
  return { value: start < limit ? utf16.decode(bytes.subarray(start, at)) : '', next: limit, terminated: false };
}

/** A part of the record, when its offset and length put it wholly between the names and the end. */
function region(offset: number, length: number, end: number): { start: number } | undefined {
  if (length === 0 || offset < RECORD_FIXED_SIZE || offset + length > end) return undefined;
  return { start: offset };
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined;
}
