/**
 * Turns generated text into a file's bytes in each encoding Logsift reads (UTF-8 with or without
 * BOM, UTF-16LE/BE with or without BOM, Windows-1252), keeping lone surrogates as raw code units
 * in UTF-16 (broken UTF-16 is what real tools write), and sometimes damages the bytes the way
 * files get damaged: a NUL run, a cut mid-character.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';

export type TextFileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16le-bom' | 'utf-16be' | 'utf-16be-bom' | 'windows-1252';

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[i * 2 + (littleEndian ? 0 : 1)] = unit & 0xff;
    bytes[i * 2 + (littleEndian ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

function withPrefix(prefix: readonly number[], body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(prefix.length + body.length);
  bytes.set(prefix, 0);
  bytes.set(body, prefix.length);
  return bytes;
}

export function encodeText(text: string, encoding: TextFileEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'utf-8-bom':
      return withPrefix([0xef, 0xbb, 0xbf], Buffer.from(text, 'utf8'));
    case 'utf-16le':
      return utf16(text, true);
    case 'utf-16le-bom':
      return withPrefix([0xff, 0xfe], utf16(text, true));
    case 'utf-16be':
      return utf16(text, false);
    case 'utf-16be-bom':
      return withPrefix([0xfe, 0xff], utf16(text, false));
    case 'windows-1252':
      return new Uint8Array(iconv.encode(text, 'win1252'));
  }
}

export const textFileEncoding: fc.Arbitrary<TextFileEncoding> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<TextFileEncoding>('utf-8') },
  { weight: 2, arbitrary: fc.constant<TextFileEncoding>('utf-8-bom') },
  { weight: 2, arbitrary: fc.constant<TextFileEncoding>('utf-16le-bom') },
  { weight: 1, arbitrary: fc.constantFrom<TextFileEncoding>('utf-16le', 'utf-16be', 'utf-16be-bom', 'windows-1252') },
);

/** Damage a file's bytes may carry: none (mostly), a NUL run, a cut at an arbitrary byte. */
type ByteDamage = { kind: 'none' } | { kind: 'nul-run'; at: number; length: number } | { kind: 'cut'; at: number };

const byteDamage: fc.Arbitrary<ByteDamage> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<ByteDamage>({ kind: 'none' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nul-run' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 600 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
);

function damage(bytes: Uint8Array, how: ByteDamage): Uint8Array {
  if (how.kind === 'none' || bytes.length === 0) return bytes;
  const at = how.at % bytes.length;
  if (how.kind === 'cut') return bytes.subarray(0, at);
  const out = new Uint8Array(bytes.length + how.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(bytes.subarray(at), at + how.length);
  return out;
}

/** Generated text beyond this is cut: bigger files find little more and slow every run down. */
const MAX_TEXT_CHARS = 256 * 1024;

/** A text file: the text, encoded, sometimes damaged. */
export function textFile(text: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(text, textFileEncoding, byteDamage).map(([content, encoding, how]) => damage(encodeText(content.slice(0, MAX_TEXT_CHARS), encoding), how));
}
