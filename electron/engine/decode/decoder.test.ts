import { describe, expect, it } from 'vitest';
import { detectEncoding, StreamDecoder } from './decoder';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x41))).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x41, 0))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x41))).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(detectEncoding(new Uint8Array(Buffer.from('2025-01-01 Error\r\n', 'utf16le'))).encoding).toBe('utf-16le');
    const be = Buffer.from('2025-01-01 Error\r\n', 'utf16le').swap16();
    expect(detectEncoding(new Uint8Array(be)).encoding).toBe('utf-16be');
  });

  it('takes valid UTF-8 as UTF-8, even when the sample ends mid-character', () => {
    const text = Buffer.from('Größe: ok ü');
    expect(detectEncoding(new Uint8Array(text.subarray(0, text.length - 1))).encoding).toBe('utf-8');
  });

  it('falls back to Windows-1252 for NT-era ANSI text', () => {
    expect(detectEncoding(bytes(0x47, 0x72, 0xf6, 0xdf, 0x65)).encoding).toBe('windows-1252');
  });
});

describe('StreamDecoder', () => {
  it('decodes a character split across chunks', () => {
    const decoder = new StreamDecoder('utf-8');
    const euro = Buffer.from('€');
    expect(decoder.decode(euro.subarray(0, 1)) + decoder.decode(euro.subarray(1)) + decoder.end()).toBe('€');
    expect(decoder.replaced).toBe(0);
  });

  it('counts invalid bytes it replaced, but not replacement characters the file contained', () => {
    const decoder = new StreamDecoder('utf-8');
    const text = decoder.decode(new Uint8Array(Buffer.concat([Buffer.from('a\ufffdb'), Buffer.from([0xff, 0xfe]), Buffer.from('c')]))) + decoder.end();
    expect(text).toBe('a\ufffdb\ufffd\ufffdc');
    expect(decoder.replaced).toBe(2);
  });

  it('decodes Windows-1252 and UTF-16BE', () => {
    const ansi = new StreamDecoder('windows-1252');
    expect(ansi.decode(bytes(0x80, 0x20, 0xe9)) + ansi.end()).toBe('€ é');
    const be = new StreamDecoder('utf-16be');
    expect(be.decode(bytes(0, 0x48, 0, 0x69)) + be.end()).toBe('Hi');
  });
});

describe('damaged UTF-8', () => {
  it('stays UTF-8 when the bad bytes are shaped like UTF-8 (an encoded surrogate), and counts them', () => {
    const damaged = new Uint8Array(Buffer.concat([Buffer.from('node '), Buffer.from([0xed, 0xb9, 0xa4]), Buffer.from(' end')]));
    expect(detectEncoding(damaged).encoding).toBe('utf-8');
    const decoder = new StreamDecoder('utf-8');
    decoder.decode(damaged);
    decoder.end();
    expect(decoder.replaced).toBeGreaterThan(0);
  });
});

describe('broken UTF-16 (found by fuzzing)', () => {
  const utf16le = (...units: number[]) => new Uint8Array(units.flatMap((unit) => [unit & 0xff, unit >> 8]));

  it('replaces and counts a lone surrogate, so no parser or store sees malformed text', () => {
    const decoder = new StreamDecoder('utf-16le');
    const text = decoder.decode(utf16le(0x41, 0xd800, 0x42, 0xdc00)) + decoder.end();
    expect(text).toBe('A\ufffdB\ufffd');
    expect(decoder.replaced).toBe(2);
  });

  it('joins a surrogate pair cut between two chunks', () => {
    const decoder = new StreamDecoder('utf-16le');
    const pair = utf16le(0x41, 0xd83d, 0xde00);
    const text = decoder.decode(pair.subarray(0, 4)) + decoder.decode(pair.subarray(4)) + decoder.end();
    expect(text).toBe('A\ud83d\ude00');
    expect(decoder.replaced).toBe(0);
  });

  it('replaces a high surrogate left at the end of the file, and a last odd byte', () => {
    const decoder = new StreamDecoder('utf-16be');
    const text = decoder.decode(new Uint8Array([0, 0x41, 0xd8, 0x3d])) + decoder.end();
    expect(text).toBe('A\ufffd');
    const odd = new StreamDecoder('utf-16le');
    expect(odd.decode(new Uint8Array([0x41, 0, 0x42])) + odd.end()).toBe('A\ufffd');
    expect(odd.replaced).toBe(1);
  });
});
