/**
 * Byte-level mutation of real files: bit flips, byte inserts and deletes, duplicated and cut
 * ranges, splices of two files, text tokens parsers split on, and — for .evtx and .evt — values
 * that break arithmetic (0, 0xFF…, 0x7FFFFFFF, 0x80000000) written over the header fields, chunk
 * header fields and record sizes the readers trust.
 */
import type { Random } from './random';

export type Layout = 'text' | 'evtx' | 'evt';

/** Mutated files stay below this, so one input never dominates a run. */
const MAX_BYTES = 512 * 1024;

const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x200, 0xfff, 0x1000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
const INTERESTING_16 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff];
const TEXT_TOKENS = ['"', '""', ',', ';', '\t', '\n', '\r', '\r\n', '{', '}', '[', ']', '<', '>', '</Event>', '<Event>', '&#0;', ']]>', '\\', '#Fields: a b', '#', '\u0000', '\ufeff', '\ud800', ' ', '-'];

const EVTX_FILE_FIELDS = [8, 16, 24, 32, 36, 38, 40, 42, 120, 124];
const EVTX_CHUNK_FIELDS = [8, 16, 24, 32, 40, 44, 48, 52, 124, 128, 256, 384, 448];
const EVT_RECORD_FIELDS = [0, 8, 12, 16, 20, 24, 26, 28, 36, 40, 44, 48, 52];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function writeLe(bytes: Uint8Array, at: number, value: number, width: number): void {
  for (let i = 0; i < width && at + i < bytes.length; i++) bytes[at + i] = (value >>> (8 * i)) & 0xff;
}

/** Offsets of every occurrence of `signature` (up to a limit, evenly sampled by the caller). */
function occurrences(bytes: Uint8Array, signature: readonly number[], limit = 4096): number[] {
  const found: number[] = [];
  for (let at = bytes.indexOf(signature[0]!); at >= 0 && found.length < limit; at = bytes.indexOf(signature[0]!, at + 1)) {
    if (signature.every((byte, i) => bytes[at + i] === byte)) found.push(at);
  }
  return found;
}

/** Offsets of the fields the binary readers trust: file and chunk headers, record sizes. */
function structuralOffsets(bytes: Uint8Array, layout: Layout): number[] {
  if (layout === 'evtx') {
    const chunks = occurrences(bytes, [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]);
    const records = occurrences(bytes, [0x2a, 0x2a, 0x00, 0x00]);
    return [
      ...EVTX_FILE_FIELDS,
      ...chunks.flatMap((chunk) => EVTX_CHUNK_FIELDS.map((field) => chunk + field)),
      ...records.flatMap((record) => [record + 4, record + 8, record + 24, record + 28]),
    ];
  }
  if (layout === 'evt') {
    // A record's length sits 4 bytes before its "LfLe" signature.
    const records = occurrences(bytes, [0x4c, 0x66, 0x4c, 0x65]).map((at) => at - 4).filter((at) => at >= 0);
    return [...Array.from({ length: 12 }, (_, i) => i * 4), ...records.flatMap((record) => EVT_RECORD_FIELDS.map((field) => record + field))];
  }
  return [];
}

type Mutation = (bytes: Uint8Array, random: Random, other: () => Uint8Array, layout: Layout) => Uint8Array;

const MUTATIONS: readonly { weight: number; apply: Mutation }[] = [
  {
    weight: 4,
    apply(bytes, random) {
      const out = bytes.slice();
      for (let n = 1 + random.below(8); n > 0 && out.length > 0; n--) out[random.below(out.length)]! ^= 1 << random.below(8);
      return out;
    },
  },
  {
    weight: 2,
    apply(bytes, random) {
      const out = bytes.slice();
      for (let n = 1 + random.below(4); n > 0 && out.length > 0; n--) out[random.below(out.length)] = random.pick([0, 0xff, 0x7f, 0x80, random.below(256)]);
      return out;
    },
  },
  {
    weight: 3,
    apply(bytes, random) {
      const out = bytes.slice();
      const width = random.pick([1, 2, 4, 4, 8]);
      const value = width === 2 ? random.pick(INTERESTING_16) : random.pick(INTERESTING_32);
      const at = out.length === 0 ? 0 : random.below(out.length) & ~(random.chance(0.7) ? 3 : 0);
      writeLe(out, at, value, Math.min(width, 4));
      if (width === 8) writeLe(out, at + 4, random.chance(0.5) ? 0 : 0xffffffff, 4);
      return out;
    },
  },
  {
    weight: 2,
    apply(bytes, random) {
      const at = random.below(bytes.length + 1);
      const length = 1 + random.below(random.chance(0.8) ? 16 : 4096);
      const fill = random.chance(0.5) ? random.below(256) : -1;
      const inserted = Uint8Array.from({ length }, () => (fill >= 0 ? fill : random.below(256)));
      return concat(bytes.subarray(0, at), inserted, bytes.subarray(at));
    },
  },
  {
    weight: 2,
    apply(bytes, random) {
      const at = random.below(bytes.length);
      const length = 1 + random.below(random.chance(0.7) ? 16 : Math.max(1, bytes.length >> 2));
      return concat(bytes.subarray(0, at), bytes.subarray(at + length));
    },
  },
  {
    weight: 2,
    apply(bytes, random) {
      const from = random.below(bytes.length);
      const length = 1 + random.below(Math.min(bytes.length - from, random.chance(0.5) ? 256 : 65536));
      const at = random.chance(0.5) ? from + length : random.below(bytes.length + 1);
      return concat(bytes.subarray(0, at), bytes.subarray(from, from + length), bytes.subarray(at));
    },
  },
  {
    weight: 1,
    apply(bytes, random) {
      return bytes.subarray(0, random.below(bytes.length + 1));
    },
  },
  {
    weight: 1,
    apply(bytes, random, other) {
      const second = other();
      return concat(bytes.subarray(0, random.below(bytes.length + 1)), second.subarray(random.below(second.length + 1)));
    },
  },
  {
    weight: 3,
    apply(bytes, random, _other, layout) {
      if (layout === 'text') {
        const token = Buffer.from(random.pick(TEXT_TOKENS), 'utf8');
        const at = random.below(bytes.length + 1);
        return concat(bytes.subarray(0, at), token, bytes.subarray(at));
      }
      const offsets = structuralOffsets(bytes, layout);
      const out = bytes.slice();
      for (let n = 1 + random.below(3); n > 0 && offsets.length > 0; n--) {
        const at = random.pick(offsets);
        const width = layout === 'evt' && (at % 4 === 2 || random.chance(0.2)) ? 2 : 4;
        writeLe(out, at, width === 2 ? random.pick(INTERESTING_16) : random.pick(INTERESTING_32), width);
      }
      return out;
    },
  },
];

const TOTAL_WEIGHT = MUTATIONS.reduce((sum, mutation) => sum + mutation.weight, 0);

/** Applies one to eight mutations (fewer more often). `other` supplies a second file for splicing. */
export function mutate(bytes: Uint8Array, random: Random, other: () => Uint8Array, layout: Layout): Uint8Array {
  let out = bytes;
  let count = 1;
  while (count < 8 && random.chance(0.5)) count++;
  for (let i = 0; i < count; i++) {
    let roll = random.below(TOTAL_WEIGHT);
    const mutation = MUTATIONS.find((candidate) => (roll -= candidate.weight) < 0)!;
    out = mutation.apply(out, random, other, layout);
    if (out.length > MAX_BYTES) out = out.subarray(0, MAX_BYTES);
  }
  return out;
}
