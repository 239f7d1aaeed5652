/**
 * .evtx files built from parts: a file header and chunks whose checksums are right (so the clean
 * path runs, not only the damage path), holding records whose Binary XML is a template of random
 * elements, attributes, text, references, CDATA and substitutions, instantiated with values of
 * every type — the right size for the type or not, nested BinXml included.
 */
import fc from 'fast-check';
import { crc32 } from '../../formats/evtx/evtx-bytes';
import { BinXmlWriter } from '../../formats/evtx/evtx-test-support';
import { AWKWARD_CHARACTERS } from './text-pieces';

const CHUNK_SIZE = 0x10000;
const CHUNK_HEADER_SIZE = 512;
const FILE_HEADER_SIZE = 4096;
const RECORD_HEADER_SIZE = 24;

/** A node of a template body. */
type TemplateNode =
  | { kind: 'element'; name: string; attributes: { name: string; value: TemplateNode }[]; children: TemplateNode[] }
  | { kind: 'text'; text: string }
  | { kind: 'substitution'; index: number; type: number; optional: boolean }
  | { kind: 'char-ref'; code: number }
  | { kind: 'entity-ref'; name: string }
  | { kind: 'cdata'; text: string };

/** A substitution value: its declared type and its bytes (whatever their fit to the type). */
interface ValueSpec {
  type: number;
  bytes: number[];
}

const NAMES = ['Event', 'System', 'Provider', 'EventID', 'Level', 'TimeCreated', 'EventRecordID', 'Channel', 'Computer', 'Security', 'EventData', 'Data', 'UserData', 'Name', 'SystemTime', 'UserID', 'Qualifiers', 'xmlns'];
const elementName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const shortText = fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom(...AWKWARD_CHARACTERS));

const VALUE_TYPES = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x20, 0x21, 0x23];
const valueType = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...VALUE_TYPES) },
  { weight: 2, arbitrary: fc.constantFrom(...VALUE_TYPES).map((type) => type | 0x80) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);

const templateNode: fc.Arbitrary<TemplateNode> = fc.letrec<{ node: TemplateNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), text: shortText }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('substitution' as const), index: fc.integer({ min: 0, max: 12 }), type: valueType, optional: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('char-ref' as const), code: fc.integer({ min: 0, max: 0xffff }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('entity-ref' as const), name: fc.constantFrom('amp', 'lt', 'bogus', '', 'constructor', '__proto__') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cdata' as const), text: shortText }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('element' as const),
        name: elementName,
        attributes: fc.array(fc.record({ name: elementName, value: tie('node') }), { maxLength: 2 }),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    },
  ),
})).node;

/** Writes a template body: element headers carry dependency ids in template definitions. */
function writeNode(writer: BinXmlWriter, node: TemplateNode, dependencyId: boolean): void {
  switch (node.kind) {
    case 'element': {
      writer.open(node.name, { dependencyId, attributes: node.attributes.length > 0 });
      node.attributes.forEach((attribute, i) => {
        writer.attribute(attribute.name, i < node.attributes.length - 1);
        // Attribute values are text or substitutions; anything else becomes text.
        writeNode(writer, attribute.value.kind === 'element' ? { kind: 'text', text: attribute.value.name } : attribute.value, dependencyId);
      });
      if (node.children.length === 0) {
        writer.closeEmpty();
        return;
      }
      writer.closeStart();
      for (const child of node.children) writeNode(writer, child, dependencyId);
      writer.end();
      return;
    }
    case 'text':
      writer.text(node.text);
      return;
    case 'substitution':
      writer.substitution(node.index, node.type, node.optional);
      return;
    case 'char-ref':
      writer.u8(0x08).u16(node.code);
      return;
    case 'entity-ref':
      writer.u8(0x09).name(node.name);
      return;
    case 'cdata':
      writer.u8(0x07).u16(node.text.length).utf16(node.text);
      return;
  }
}

/** UTF-16LE code unit by code unit, so lone surrogates are written as they are. */
const utf16Bytes = (text: string): number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)).flatMap((unit) => [unit & 0xff, unit >> 8]);

/** Value bytes: random, or well-formed for common types (strings, FILETIMEs, SIDs, nested BinXml). */
const valueSpec: fc.Arbitrary<ValueSpec> = fc.oneof(
  fc.record({ type: valueType, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }) }),
  shortText.map((text) => ({ type: 0x01, bytes: utf16Bytes(text) })),
  fc.array(shortText, { maxLength: 4 }).map((items) => ({ type: 0x81, bytes: utf16Bytes(items.map((item) => `${item}\0`).join('')) })),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 }).map((bytes) => ({ type: 0x11, bytes })),
  fc.constantFrom(0x04, 0x06, 0x08, 0x0a).chain((type) => fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }).map((bytes) => ({ type, bytes }))),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 0, maxLength: 6 }).map((sub) => ({ type: 0x13, bytes: [1, sub.length >> 2, 0, 0, 0, 0, 0, 5, ...sub] })),
);

/** A nested BinXml value, written where it will land (names inside it refer to chunk offsets). */
function nestedBinXml(at: number, node: TemplateNode): number[] {
  const writer = new BinXmlWriter(at).fragmentHeader();
  writeNode(writer, node, false);
  return writer.endOfStream().bytes;
}

interface RecordSpec {
  template: TemplateNode;
  values: ValueSpec[];
  nested: TemplateNode | null;
  newTemplate: boolean;
  recordId: number;
  filetime: [number, number];
}

const recordSpec: fc.Arbitrary<RecordSpec> = fc.record({
  template: templateNode,
  values: fc.array(valueSpec, { maxLength: 10 }),
  nested: fc.option(templateNode),
  newTemplate: fc.boolean(),
  recordId: fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.constantFrom(0, 2 ** 32 - 1, 2 ** 53 - 1)),
  filetime: fc.tuple(fc.nat(2 ** 32 - 1), fc.oneof(fc.integer({ min: 0x01d0_0000, max: 0x01dc_ffff }), fc.nat(2 ** 32 - 1))),
});

/** One record at chunk offset `at`; the template is defined inline unless `templateAt` is given. */
function writeRecord(at: number, spec: RecordSpec, templateAt: number | undefined): { bytes: number[]; templateOffset: number } {
  const writer = new BinXmlWriter(at + RECORD_HEADER_SIZE).fragmentHeader().u8(0x0c, 1).u32(0x1234);
  const inline = templateAt === undefined;
  const templateOffset = inline ? writer.pos + 4 : templateAt;
  writer.u32(templateOffset);
  if (inline) {
    const body = new BinXmlWriter(templateOffset + 24).fragmentHeader();
    writeNode(body, { kind: 'element', name: 'Event', attributes: [], children: [spec.template] }, true);
    body.endOfStream();
    writer.u32(0).u8(...new Array<number>(16).fill(0x11)).u32(body.bytes.length).u8(...body.bytes);
  }
  const values = spec.nested ? [...spec.values, { type: 0x21, bytes: [] as number[] }] : spec.values;
  writer.u32(values.length);
  let valueAt = writer.pos + values.length * 4;
  const data = values.map((value) => {
    const bytes = value.type === 0x21 && value.bytes.length === 0 && spec.nested ? nestedBinXml(valueAt, spec.nested) : value.bytes;
    valueAt += bytes.length;
    return bytes;
  });
  values.forEach((value, i) => writer.u16(data[i]!.length).u8(value.type, 0));
  for (const bytes of data) writer.u8(...bytes);
  writer.endOfStream();
  const size = RECORD_HEADER_SIZE + writer.bytes.length + 4;
  const header = new BinXmlWriter(at).u8(0x2a, 0x2a, 0, 0).u32(size).u32(spec.recordId % 2 ** 32).u32(Math.floor(spec.recordId / 2 ** 32)).u32(spec.filetime[0]).u32(spec.filetime[1]);
  return { bytes: [...header.bytes, ...writer.bytes, ...new BinXmlWriter(0).u32(size).bytes], templateOffset };
}

function setU32(bytes: Uint8Array, at: number, value: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value >>> 0, true);
}

/** A chunk holding as many of the records as fit, with its header and checksums filled in. */
function buildChunk(records: readonly RecordSpec[], firstRecord: number): Uint8Array {
  const chunk = new Uint8Array(CHUNK_SIZE);
  chunk.set([...'ElfChnk\0'].map((c) => c.charCodeAt(0)), 0);
  let at = CHUNK_HEADER_SIZE;
  let last = at;
  let templateAt: number | undefined;
  let count = 0;
  for (const spec of records) {
    const record = writeRecord(at, spec, spec.newTemplate ? undefined : templateAt);
    if (at + record.bytes.length > CHUNK_SIZE) break;
    chunk.set(record.bytes, at);
    templateAt = record.templateOffset;
    last = at;
    at += record.bytes.length;
    count++;
  }
  const view = new DataView(chunk.buffer);
  view.setBigUint64(8, BigInt(firstRecord), true);
  view.setBigUint64(16, BigInt(firstRecord + Math.max(0, count - 1)), true);
  view.setBigUint64(24, BigInt(firstRecord), true);
  view.setBigUint64(32, BigInt(firstRecord + Math.max(0, count - 1)), true);
  setU32(chunk, 40, 128);
  setU32(chunk, 44, last);
  setU32(chunk, 48, at);
  setU32(chunk, 52, crc32(chunk, CHUNK_HEADER_SIZE, at));
  setU32(chunk, 124, crc32(chunk, 128, CHUNK_HEADER_SIZE, crc32(chunk, 0, 120)));
  return chunk;
}

function buildFileHeader(chunks: number, nextRecordId: number): Uint8Array {
  const header = new Uint8Array(FILE_HEADER_SIZE);
  header.set([...'ElfFile\0'].map((c) => c.charCodeAt(0)), 0);
  const view = new DataView(header.buffer);
  view.setBigUint64(16, BigInt(Math.max(0, chunks - 1)), true);
  view.setBigUint64(24, BigInt(nextRecordId), true);
  setU32(header, 32, 128);
  view.setUint16(36, 1, true);
  view.setUint16(38, 3, true);
  view.setUint16(40, FILE_HEADER_SIZE, true);
  view.setUint16(42, chunks, true);
  setU32(header, 124, crc32(header, 0, 120));
  return header;
}

/** A whole file (or, sometimes, a chunk carved out without the file header). */
export const evtxFile: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.array(fc.array(recordSpec, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.nat())
  .map(([chunks, withHeader, cut]) => {
    const built = chunks.map((records, i) => buildChunk(records, 1 + i * 100));
    const parts = withHeader ? [buildFileHeader(built.length, 1 + built.length * 100), ...built] : built;
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    // Some files end early: truncated copies are common.
    return cut % 5 === 0 ? bytes.subarray(0, cut % bytes.length) : bytes;
  });
