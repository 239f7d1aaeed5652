/**
 * Substitution value decoding: every BinXml value type (and its array form, type | 0x80) turned
 * into the text Event Viewer shows for it. Sizes come from the template instance's descriptors;
 * a value whose size does not fit its type is shown as hex rather than misread.
 */
import type { BinXmlFragment, SubstitutionValue } from './binxml-model';
import { ansi, hexBytes, trimNuls, utf16 } from './evtx-bytes';

export const VALUE_NULL = 0x00;
export const VALUE_STRING = 0x01;
export const VALUE_ANSI_STRING = 0x02;
export const VALUE_INT8 = 0x03;
export const VALUE_UINT8 = 0x04;
export const VALUE_INT16 = 0x05;
export const VALUE_UINT16 = 0x06;
export const VALUE_INT32 = 0x07;
export const VALUE_UINT32 = 0x08;
export const VALUE_INT64 = 0x09;
export const VALUE_UINT64 = 0x0a;
export const VALUE_FLOAT = 0x0b;
export const VALUE_DOUBLE = 0x0c;
export const VALUE_BOOL = 0x0d;
export const VALUE_BINARY = 0x0e;
export const VALUE_GUID = 0x0f;
export const VALUE_SIZE_T = 0x10;
export const VALUE_FILETIME = 0x11;
export const VALUE_SYSTEMTIME = 0x12;
export const VALUE_SID = 0x13;
export const VALUE_HEX32 = 0x14;
export const VALUE_HEX64 = 0x15;
export const VALUE_EVT_HANDLE = 0x20;
export const VALUE_BINXML = 0x21;
export const VALUE_EVT_XML = 0x23;
export const VALUE_ARRAY = 0x80;

/** Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
const EPOCH_DIFFERENCE_SECONDS = 11_644_473_600;
/**
 * FILETIMEs are 64-bit counts of 100 ns ticks, beyond a double's exact range. Split as
 * ticks = a·2^48 + b·2^32 + low, with 2^48 = 28,147,497·10^7 + 6,710,656 and
 * 2^32 = 429·10^7 + 4,967,296, whole seconds and the remaining ticks come out exactly.
 */
function filetimeRest(low: number, high: number): number {
  return Math.floor(high / 0x10000) * 6_710_656 + (high % 0x10000) * 4_967_296 + low;
}

/** Whole seconds since 1601 of a FILETIME given as two 32-bit halves. */
function filetimeSeconds(low: number, high: number): number {
  return Math.floor(high / 0x10000) * 28_147_497 + (high % 0x10000) * 429 + Math.floor(filetimeRest(low, high) / 1e7);
}

/** The 100 ns ticks past the whole second. */
function filetimeTicks(low: number, high: number): number {
  return filetimeRest(low, high) % 1e7;
}

/** A FILETIME as milliseconds since the Unix epoch (UTC). */
export function filetimeToMs(low: number, high: number): number {
  return (filetimeSeconds(low, high) - EPOCH_DIFFERENCE_SECONDS) * 1000 + Math.floor(filetimeTicks(low, high) / 10_000);
}

/** The last second formatted, and its text: records close in time share it. */
let lastSeconds = NaN;
let lastSecondsText = '';

/** A FILETIME as Event Viewer's XML shows it: ISO 8601 UTC with all seven fractional digits. */
export function formatFiletime(low: number, high: number): string {
  const seconds = filetimeSeconds(low, high);
  const ticks = filetimeTicks(low, high);
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    lastSecondsText = new Date((seconds - EPOCH_DIFFERENCE_SECONDS) * 1000).toISOString().slice(0, -5);
  }
  return `${lastSecondsText}.${String(ticks).padStart(7, '0')}Z`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A SYSTEMTIME (eight 16-bit fields; day of week ignored) as ISO 8601 UTC with milliseconds. */
export function formatSystemtime(view: DataView, offset: number): string {
  const field = (index: number): number => view.getUint16(offset + index * 2, true);
  return `${pad(field(0), 4)}-${pad(field(1), 2)}-${pad(field(3), 2)}T${pad(field(4), 2)}:${pad(field(5), 2)}:${pad(field(6), 2)}.${pad(field(7), 3)}Z`;
}

/**
 * GUIDs formatted recently, by their first 32 bits: the provider GUID repeats in every record.
 * Each entry keeps the other three words to confirm a hit.
 */
const guidCache = new Map<number, [number, number, number, string]>();

/** A GUID in registry form, as Event Viewer writes it: {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}. */
export function formatGuid(bytes: Uint8Array, view: DataView, offset: number): string {
  const w0 = view.getUint32(offset, true);
  const w1 = view.getUint32(offset + 4, true);
  const w2 = view.getUint32(offset + 8, true);
  const w3 = view.getUint32(offset + 12, true);
  const cached = guidCache.get(w0);
  if (cached && cached[0] === w1 && cached[1] === w2 && cached[2] === w3) return cached[3];
  const text = guidText(bytes, view, offset);
  if (guidCache.size > 1024) guidCache.clear();
  guidCache.set(w0, [w1, w2, w3, text]);
  return text;
}

function guidText(bytes: Uint8Array, view: DataView, offset: number): string {
  const d1 = view.getUint32(offset, true).toString(16).padStart(8, '0');
  const d2 = view.getUint16(offset + 4, true).toString(16).padStart(4, '0');
  const d3 = view.getUint16(offset + 6, true).toString(16).padStart(4, '0');
  return `{${d1}-${d2}-${d3}-${hexBytes(bytes, offset + 8, offset + 10)}-${hexBytes(bytes, offset + 10, offset + 16)}}`.toUpperCase();
}

/** Bytes a SID at `offset` occupies (8 + 4 per sub-authority), or 0 when it does not fit `end`. */
export function sidLength(bytes: Uint8Array, offset: number, end: number): number {
  if (offset + 8 > end) return 0;
  const length = 8 + 4 * (bytes[offset + 1] as number);
  return offset + length <= end ? length : 0;
}

/** A SID in its string form, S-R-A-S1-S2…; the caller checked its length with sidLength. */
export function formatSid(bytes: Uint8Array, view: DataView, offset: number): string {
  const count = bytes[offset + 1] as number;
  // The identifier authority is 48 bits, big-endian.
  const authority = view.getUint16(offset + 2, false) * 0x1_0000_0000 + view.getUint32(offset + 4, false);
  let text = `S-${bytes[offset] as number}-${authority}`;
  for (let i = 0; i < count; i++) text += `-${view.getUint32(offset + 8 + i * 4, true)}`;
  return text;
}

/** A 64-bit value as Event Viewer writes win:HexInt64: 0x and lower-case digits, unpadded. */
function hex64(view: DataView, offset: number): string {
  const high = view.getUint32(offset + 4, true);
  const low = view.getUint32(offset, true);
  return high === 0 ? `0x${low.toString(16)}` : `0x${high.toString(16)}${low.toString(16).padStart(8, '0')}`;
}

/** Shortest decimal that reads back as the same 32-bit float (2.5, not 2.5000000000). */
function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const text = Number(value.toPrecision(digits));
    if (Math.fround(text) === value) return String(text);
  }
  return String(value);
}

/** Byte width of one item of a fixed-size type; 0 for variable-size types. */
export function fixedWidth(type: number): number {
  switch (type) {
    case VALUE_INT8:
    case VALUE_UINT8:
      return 1;
    case VALUE_INT16:
    case VALUE_UINT16:
      return 2;
    case VALUE_INT32:
    case VALUE_UINT32:
    case VALUE_FLOAT:
    case VALUE_BOOL:
    case VALUE_HEX32:
      return 4;
    case VALUE_INT64:
    case VALUE_UINT64:
    case VALUE_DOUBLE:
    case VALUE_FILETIME:
    case VALUE_HEX64:
      return 8;
    case VALUE_GUID:
    case VALUE_SYSTEMTIME:
      return 16;
    default:
      return 0;
  }
}

/**
 * Text of one fixed-size item of `type` at `offset` (the caller guarantees `width` bytes, which
 * is fixedWidth(type) except for bool and size_t, whose stored width varies).
 */
function fixedText(bytes: Uint8Array, view: DataView, offset: number, type: number, width: number): string {
  switch (type) {
    case VALUE_INT8:
      return String(view.getInt8(offset));
    case VALUE_UINT8:
      return String(bytes[offset] as number);
    case VALUE_INT16:
      return String(view.getInt16(offset, true));
    case VALUE_UINT16:
      return String(view.getUint16(offset, true));
    case VALUE_INT32:
      return String(view.getInt32(offset, true));
    case VALUE_UINT32:
      return String(view.getUint32(offset, true));
    case VALUE_INT64:
      return view.getBigInt64(offset, true).toString();
    case VALUE_UINT64:
      return view.getUint32(offset + 4, true) === 0 ? String(view.getUint32(offset, true)) : view.getBigUint64(offset, true).toString();
    case VALUE_FLOAT:
      return formatFloat32(view.getFloat32(offset, true));
    case VALUE_DOUBLE:
      return String(view.getFloat64(offset, true));
    case VALUE_BOOL:
      // Windows writes a 32-bit BOOL; some writers leave junk in it: any non-zero byte is true.
      for (let i = offset; i < offset + width; i++) if (bytes[i] !== 0) return 'true';
      return 'false';
    case VALUE_GUID:
      return formatGuid(bytes, view, offset);
    case VALUE_FILETIME:
      return formatFiletime(view.getUint32(offset, true), view.getUint32(offset + 4, true));
    case VALUE_SYSTEMTIME:
      return formatSystemtime(view, offset);
    case VALUE_HEX32:
      return `0x${view.getUint32(offset, true).toString(16)}`;
    case VALUE_HEX64:
      return hex64(view, offset);
    case VALUE_SIZE_T:
      return width === 8 ? hex64(view, offset) : `0x${view.getUint32(offset, true).toString(16)}`;
    default:
      return hexBytes(bytes, offset, offset + width);
  }
}

/** Splits NUL-separated text into its items (the final terminator makes no empty item). */
function splitNulList(text: string): string[] {
  const items = text.split('\0');
  if (items.length > 1 && items[items.length - 1] === '') items.pop();
  return items;
}

/** Width of one item of a bool or size_t array: the stored size tells 4 from 8 bytes. */
function variableItemWidth(type: number, size: number): number {
  if (type === VALUE_SIZE_T) return size % 8 === 0 ? 8 : 4;
  return 4;
}

function arrayValue(bytes: Uint8Array, view: DataView, offset: number, size: number, type: number): readonly string[] | string {
  const end = offset + size;
  if (type === VALUE_STRING) return splitNulList(utf16(bytes, offset, size >> 1));
  if (type === VALUE_ANSI_STRING) return splitNulList(ansi(bytes, offset, end));
  if (type === VALUE_SID) {
    const items: string[] = [];
    for (let p = offset; p < end; ) {
      const length = sidLength(bytes, p, end);
      if (length === 0) break;
      items.push(formatSid(bytes, view, p));
      p += length;
    }
    return items;
  }
  const width = type === VALUE_BOOL || type === VALUE_SIZE_T ? variableItemWidth(type, size) : fixedWidth(type);
  // Binary, handles and anything without a known item size: one hex string.
  if (width === 0 || size % width !== 0) return hexBytes(bytes, offset, end);
  const items: string[] = [];
  for (let p = offset; p < end; p += width) items.push(fixedText(bytes, view, p, type, width));
  return items;
}

/** Parses a BinXml value (type 0x21) into a fragment; may throw, which marks the record damaged. */
export interface NestedBinXmlReader {
  nested(start: number, end: number): BinXmlFragment;
}

/** Decodes the value of `type` stored in bytes[offset, offset + size). */
export function decodeValue(bytes: Uint8Array, view: DataView, offset: number, size: number, type: number, reader: NestedBinXmlReader): SubstitutionValue {
  if (type & VALUE_ARRAY) return arrayValue(bytes, view, offset, size, type & ~VALUE_ARRAY);
  switch (type) {
    case VALUE_NULL:
      return null;
    case VALUE_STRING:
      return trimNuls(utf16(bytes, offset, size >> 1));
    case VALUE_ANSI_STRING:
      return trimNuls(ansi(bytes, offset, offset + size));
    case VALUE_BINXML:
      return reader.nested(offset, offset + size);
    case VALUE_SID:
      return sidLength(bytes, offset, offset + size) > 0 ? formatSid(bytes, view, offset) : hexBytes(bytes, offset, offset + size);
    case VALUE_BOOL:
      return size > 0 ? fixedText(bytes, view, offset, type, size) : '';
    case VALUE_SIZE_T:
      return size === 4 || size === 8 ? fixedText(bytes, view, offset, type, size) : hexBytes(bytes, offset, offset + size);
    default: {
      const width = fixedWidth(type);
      // Binary, EvtHandle, EvtXml and sizes that do not match their type: shown as hex.
      if (width === 0 || size !== width) return hexBytes(bytes, offset, offset + size);
      return fixedText(bytes, view, offset, type, width);
    }
  }
}
