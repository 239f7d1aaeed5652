import { describe, expect, it } from 'vitest';
import { BinXmlFragment } from './binxml-model';
import type { SubstitutionValue } from './binxml-model';
import {
  decodeValue,
  filetimeToMs,
  formatFiletime,
  formatGuid,
  formatSid,
  formatSystemtime,
  VALUE_ANSI_STRING,
  VALUE_ARRAY,
  VALUE_BINARY,
  VALUE_BINXML,
  VALUE_BOOL,
  VALUE_DOUBLE,
  VALUE_EVT_HANDLE,
  VALUE_EVT_XML,
  VALUE_FILETIME,
  VALUE_FLOAT,
  VALUE_GUID,
  VALUE_HEX32,
  VALUE_HEX64,
  VALUE_INT16,
  VALUE_INT32,
  VALUE_INT64,
  VALUE_INT8,
  VALUE_NULL,
  VALUE_SID,
  VALUE_SIZE_T,
  VALUE_STRING,
  VALUE_SYSTEMTIME,
  VALUE_UINT16,
  VALUE_UINT32,
  VALUE_UINT64,
  VALUE_UINT8,
} from './binxml-values';

/** Where nested BinXml values were asked for, and an empty fragment as the answer. */
const nestedCalls: [number, number][] = [];
const reader = {
  nested(start: number, end: number): BinXmlFragment {
    nestedCalls.push([start, end]);
    return new BinXmlFragment([]);
  },
};

/** Decodes `bytes` (placed at offset 3, to catch offset mistakes) as a value of `type`. */
function decode(type: number, bytes: readonly number[]): SubstitutionValue {
  const buffer = new Uint8Array([0xaa, 0xbb, 0xcc, ...bytes, 0xdd]);
  return decodeValue(buffer, new DataView(buffer.buffer), 3, bytes.length, type, reader);
}

function utf16(text: string): number[] {
  return [...text].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]);
}

function le(value: bigint, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
}

/** {54849625-5478-4994-A5BA-3E3B0328C30D}, the Security auditing provider, as stored. */
const GUID_BYTES = [0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xa5, 0xba, 0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d];
/** S-1-5-21-1004336348-1177238915-682003330-512 */
const SID_BYTES = [1, 5, 0, 0, 0, 0, 0, 5, ...le(21n, 4), ...le(1004336348n, 4), ...le(1177238915n, 4), ...le(682003330n, 4), ...le(512n, 4)];
/** 2016-07-08T18:12:51.6816408Z as a FILETIME. */
const FILETIME = BigInt(Date.UTC(2016, 6, 8, 18, 12, 51, 681)) * 10_000n + 6408n + 116_444_736_000_000_000n;

describe('BinXml value decoding', () => {
  it('null, strings and ANSI strings (NUL terminators dropped)', () => {
    expect(decode(VALUE_NULL, [1, 2, 3])).toBeNull();
    expect(decode(VALUE_STRING, utf16('Hé!\0'))).toBe('Hé!');
    expect(decode(VALUE_STRING, [])).toBe('');
    expect(decode(VALUE_STRING, utf16('a long value with more than eight characters\0\0'))).toBe('a long value with more than eight characters');
    expect(decode(VALUE_ANSI_STRING, [0x63, 0x61, 0x66, 0xe9, 0x80, 0])).toBe('café€');
  });

  it('signed and unsigned integers of every width', () => {
    expect(decode(VALUE_INT8, [0xff])).toBe('-1');
    expect(decode(VALUE_UINT8, [0xff])).toBe('255');
    expect(decode(VALUE_INT16, [0xfe, 0xff])).toBe('-2');
    expect(decode(VALUE_UINT16, [0x34, 0x12])).toBe('4660');
    expect(decode(VALUE_INT32, [0xff, 0xff, 0xff, 0xff])).toBe('-1');
    expect(decode(VALUE_UINT32, [0xff, 0xff, 0xff, 0xff])).toBe('4294967295');
    expect(decode(VALUE_INT64, le(-2n & 0xffff_ffff_ffff_ffffn, 8))).toBe('-2');
    expect(decode(VALUE_UINT64, le(0xffff_ffff_ffff_ffffn, 8))).toBe('18446744073709551615');
    expect(decode(VALUE_UINT64, le(4624n, 8))).toBe('4624');
  });

  it('floats, doubles and booleans (any non-zero byte is true)', () => {
    const float = (value: number): number[] => [...new Uint8Array(new Float32Array([value]).buffer)];
    expect(decode(VALUE_FLOAT, float(2.5))).toBe('2.5');
    expect(decode(VALUE_FLOAT, float(0.1))).toBe('0.1');
    expect(decode(VALUE_DOUBLE, [...new Uint8Array(new Float64Array([-1.25]).buffer)])).toBe('-1.25');
    expect(decode(VALUE_BOOL, [1, 0, 0, 0])).toBe('true');
    expect(decode(VALUE_BOOL, [0, 0, 0, 0])).toBe('false');
    expect(decode(VALUE_BOOL, [2, 0, 0, 0])).toBe('true');
    expect(decode(VALUE_BOOL, [0, 0, 1, 0])).toBe('true');
    expect(decode(VALUE_BOOL, [1])).toBe('true');
  });

  it('binary, GUID, SID, size_t, hex32 and hex64 as Event Viewer shows them', () => {
    expect(decode(VALUE_BINARY, [0xde, 0xad, 0x0b])).toBe('DEAD0B');
    expect(decode(VALUE_GUID, GUID_BYTES)).toBe('{54849625-5478-4994-A5BA-3E3B0328C30D}');
    expect(decode(VALUE_SID, SID_BYTES)).toBe('S-1-5-21-1004336348-1177238915-682003330-512');
    expect(decode(VALUE_SID, [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe('010200000000000000000000');
    expect(decode(VALUE_SIZE_T, [0x04, 0, 0, 0])).toBe('0x4');
    expect(decode(VALUE_SIZE_T, le(0x1f8n, 8))).toBe('0x1f8');
    expect(decode(VALUE_HEX32, [0x6d, 0x00, 0x00, 0xc0])).toBe('0xc000006d');
    expect(decode(VALUE_HEX32, [0, 0, 0, 0])).toBe('0x0');
    expect(decode(VALUE_HEX64, le(0x8020_0000_0000_0000n, 8))).toBe('0x8020000000000000');
    expect(decode(VALUE_HEX64, le(0x3e7n, 8))).toBe('0x3e7');
    expect(decode(VALUE_HEX64, le(0x1_0000_0001n, 8))).toBe('0x100000001');
  });

  it('FILETIME and SYSTEMTIME', () => {
    expect(decode(VALUE_FILETIME, le(FILETIME, 8))).toBe('2016-07-08T18:12:51.6816408Z');
    expect(decode(VALUE_FILETIME, le(0n, 8))).toBe('1601-01-01T00:00:00.0000000Z');
    const systemtime = [2019, 3, 5, 8, 23, 16, 33, 555].flatMap((field) => le(BigInt(field), 2));
    expect(decode(VALUE_SYSTEMTIME, systemtime)).toBe('2019-03-08T23:16:33.555Z');
  });

  it('handles, EvtXml and sizes that do not fit their type come out as hex, not misread', () => {
    expect(decode(VALUE_EVT_HANDLE, [1, 2])).toBe('0102');
    expect(decode(VALUE_EVT_XML, [0x3c, 0])).toBe('3C00');
    expect(decode(VALUE_UINT32, [1, 2, 3])).toBe('010203');
    expect(decode(VALUE_GUID, [1, 2])).toBe('0102');
    expect(decode(VALUE_SIZE_T, [1, 2])).toBe('0102');
  });

  it('nested BinXml is handed to the reader with its exact bounds', () => {
    nestedCalls.length = 0;
    expect(decode(VALUE_BINXML, [0x0f, 1, 1, 0, 0])).toBeInstanceOf(BinXmlFragment);
    expect(nestedCalls).toEqual([[3, 8]]);
  });

  it('arrays of every item kind', () => {
    expect(decode(VALUE_ARRAY | VALUE_STRING, utf16('a\0bc\0\0'))).toEqual(['a', 'bc', '']);
    expect(decode(VALUE_ARRAY | VALUE_STRING, utf16('one\0two\0'))).toEqual(['one', 'two']);
    expect(decode(VALUE_ARRAY | VALUE_ANSI_STRING, [0x61, 0, 0x62, 0])).toEqual(['a', 'b']);
    expect(decode(VALUE_ARRAY | VALUE_UINT16, [1, 0, 2, 0])).toEqual(['1', '2']);
    expect(decode(VALUE_ARRAY | VALUE_INT8, [0xff, 1])).toEqual(['-1', '1']);
    expect(decode(VALUE_ARRAY | VALUE_UINT64, [...le(1n, 8), ...le(2n, 8)])).toEqual(['1', '2']);
    expect(decode(VALUE_ARRAY | VALUE_BOOL, [1, 0, 0, 0, 0, 0, 0, 0])).toEqual(['true', 'false']);
    expect(decode(VALUE_ARRAY | VALUE_GUID, [...GUID_BYTES, ...GUID_BYTES])).toEqual([
      '{54849625-5478-4994-A5BA-3E3B0328C30D}',
      '{54849625-5478-4994-A5BA-3E3B0328C30D}',
    ]);
    expect(decode(VALUE_ARRAY | VALUE_SID, [...SID_BYTES, 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0])).toEqual([
      'S-1-5-21-1004336348-1177238915-682003330-512',
      'S-1-5-18',
    ]);
    expect(decode(VALUE_ARRAY | VALUE_HEX32, [1, 0, 0, 0, 0xff, 0, 0, 0])).toEqual(['0x1', '0xff']);
    expect(decode(VALUE_ARRAY | VALUE_HEX64, le(16n, 8))).toEqual(['0x10']);
    expect(decode(VALUE_ARRAY | VALUE_SIZE_T, [...le(1n, 8), ...le(2n, 8)])).toEqual(['0x1', '0x2']);
    expect(decode(VALUE_ARRAY | VALUE_FILETIME, le(FILETIME, 8))).toEqual(['2016-07-08T18:12:51.6816408Z']);
    // No item size: one hex string; a size that is not a whole number of items likewise.
    expect(decode(VALUE_ARRAY | VALUE_BINARY, [1, 2])).toBe('0102');
    expect(decode(VALUE_ARRAY | VALUE_UINT32, [1, 2, 3, 4, 5])).toBe('0102030405');
  });
});

describe('formatting helpers', () => {
  it('formats GUIDs (also from the cache) and SIDs', () => {
    const bytes = new Uint8Array(GUID_BYTES);
    const view = new DataView(bytes.buffer);
    expect(formatGuid(bytes, view, 0)).toBe('{54849625-5478-4994-A5BA-3E3B0328C30D}');
    expect(formatGuid(bytes, view, 0)).toBe('{54849625-5478-4994-A5BA-3E3B0328C30D}');
    const other = new Uint8Array(GUID_BYTES.map((byte, i) => (i === 15 ? 0x0e : byte)));
    expect(formatGuid(other, new DataView(other.buffer), 0)).toBe('{54849625-5478-4994-A5BA-3E3B0328C30E}');
    const sid = new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(formatSid(sid, new DataView(sid.buffer), 0)).toBe('S-1-0-0');
  });

  it('formats and converts FILETIMEs exactly, and SYSTEMTIMEs', () => {
    const low = Number(FILETIME & 0xffff_ffffn);
    const high = Number(FILETIME >> 32n);
    expect(formatFiletime(low, high)).toBe('2016-07-08T18:12:51.6816408Z');
    expect(filetimeToMs(low, high)).toBe(Date.UTC(2016, 6, 8, 18, 12, 51, 681));
    // The same second again (the formatter caches it) and the next tick.
    expect(formatFiletime(low + 1, high)).toBe('2016-07-08T18:12:51.6816409Z');
    expect(formatFiletime(0xffff_ffff, 0x7fff_ffff)).toMatch(/^\+030828-09-14T02:48:05\.4775807Z$/);
    const systemtime = new Uint8Array([2000, 12, 0, 31, 1, 2, 3, 4].flatMap((field) => le(BigInt(field), 2)));
    expect(formatSystemtime(new DataView(systemtime.buffer), 0)).toBe('2000-12-31T01:02:03.004Z');
  });
});
