/**
 * Turns a file's bytes into text: picks the encoding from the BOM or the bytes themselves, decodes
 * streamed chunks, and counts every invalid sequence it had to replace (decoding never fails).
 */
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start of the file, to skip. */
  bomLength: number;
  /** How the encoding was chosen, for the source's status line. */
  evidence: 'bom' | 'zero-bytes' | 'valid-utf8' | 'invalid-utf8';
}

/** Chooses the encoding of a file from its first bytes. */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, evidence: 'bom' };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, evidence: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, evidence: 'bom' };

  const utf16 = guessUtf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0, evidence: 'zero-bytes' };
  if (isValidUtf8Prefix(head)) return { encoding: 'utf-8', bomLength: 0, evidence: 'valid-utf8' };
  // Bytes shaped like UTF-8 (lead byte + continuation bytes) that decode to something invalid,
  // such as an encoded surrogate, are damaged UTF-8; lone high bytes between ASCII are ANSI text.
  return hasUtf8Shape(head)
    ? { encoding: 'utf-8', bomLength: 0, evidence: 'invalid-utf8' }
    : { encoding: 'windows-1252', bomLength: 0, evidence: 'invalid-utf8' };
}

/** True when every byte above 0x7F belongs to a lead + continuation sequence of the right length. */
function hasUtf8Shape(head: Uint8Array): boolean {
  let i = 0;
  while (i < head.length) {
    const byte = head[i]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return false;
    for (let k = 1; k < length; k++) {
      const next = head[i + k];
      if (next === undefined) return true; // cut off by the end of the sample
      if ((next & 0xc0) !== 0x80) return false;
    }
    i += length;
  }
  return true;
}

/** UTF-16 text of mostly ASCII has a zero in every other byte; binary data does not keep to one side. */
function guessUtf16WithoutBom(head: Uint8Array): TextEncodingName | undefined {
  const length = Math.min(head.length, 4096) & ~1;
  if (length < 8) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < length; i += 2) {
    if (head[i] === 0) zeroEven++;
    if (head[i + 1] === 0) zeroOdd++;
  }
  const pairs = length / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** True when the bytes are valid UTF-8, allowing a multi-byte sequence cut off at the end. */
function isValidUtf8Prefix(head: Uint8Array): boolean {
  let end = head.length;
  // Step back over a possibly truncated final sequence (at most 3 continuation bytes).
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decodes a stream of chunks in one encoding, counting replaced (invalid) byte sequences. */
export class StreamDecoder {
  /** Invalid sequences replaced by U+FFFD so far. */
  replaced = 0;
  private readonly decodeChunk: (chunk: Uint8Array, final: boolean) => string;

  constructor(readonly encoding: TextEncodingName) {
    if (encoding === 'utf-8') {
      const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
      this.decodeChunk = (chunk, final) => decoder.decode(chunk, { stream: !final });
    } else if (encoding === 'windows-1252') {
      const decoder = iconv.getDecoder('win1252');
      this.decodeChunk = (chunk, final) => {
        const text = chunk.length > 0 ? decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)) : '';
        return final ? text + (decoder.end() ?? '') : text;
      };
    } else {
      this.decodeChunk = utf16ChunkDecoder(encoding);
    }
  }

  decode(chunk: Uint8Array): string {
    return this.count(this.decodeChunk(chunk, false), chunk);
  }

  end(): string {
    return this.count(this.decodeChunk(new Uint8Array(0), true), new Uint8Array(0));
  }

  /**
   * Counts U+FFFD produced by the decoder, not those the file itself contained. Only chunks whose
   * text holds a U+FFFD are scanned, so clean files pay nothing. (A literal U+FFFD cut by a chunk
   * boundary could be miscounted once; that is the price of not scanning every byte.)
   */
  private count(text: string, input: Uint8Array): string {
    if (text.indexOf('\ufffd') === -1) return text;
    let produced = 0;
    for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) produced++;
    this.replaced += Math.max(0, produced - countLiteralReplacementChars(input, this.encoding));
    return text;
  }
}

/**
 * UTF-16 as well-formed text. iconv hands on code units as they are, so broken UTF-16 (a lone
 * surrogate, as careless writers and truncated files leave) would reach the parsers, and the
 * store would replace it silently later; here it becomes U+FFFD and is counted like any invalid
 * sequence. A high surrogate at the end of a chunk waits for the next chunk, which may hold its
 * pair; a last odd byte (iconv drops it) is replaced too.
 */
function utf16ChunkDecoder(encoding: 'utf-16le' | 'utf-16be'): (chunk: Uint8Array, final: boolean) => string {
  const decoder = iconv.getDecoder(encoding === 'utf-16le' ? 'utf16le' : 'utf16be');
  let held = '';
  let oddByte = false;
  return (chunk, final) => {
    if (chunk.length % 2 === 1) oddByte = !oddByte;
    let text = held + (chunk.length > 0 ? decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)) : '');
    held = '';
    if (final) {
      text += (decoder.end() ?? '') + (oddByte ? '\ufffd' : '');
    } else if (isHighSurrogate(text.charCodeAt(text.length - 1))) {
      held = text.slice(-1);
      text = text.slice(0, -1);
    }
    return text.isWellFormed() ? text : text.toWellFormed();
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Counts U+FFFD characters encoded literally in the input bytes. */
function countLiteralReplacementChars(input: Uint8Array, encoding: TextEncodingName): number {
  let count = 0;
  if (encoding === 'utf-8') {
    for (let i = 0; i + 2 < input.length; i++) {
      if (input[i] === 0xef && input[i + 1] === 0xbf && input[i + 2] === 0xbd) count++;
    }
  } else if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const [lo, hi] = encoding === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd];
    for (let i = 0; i + 1 < input.length; i += 2) if (input[i] === lo && input[i + 1] === hi) count++;
  }
  return count;
}
