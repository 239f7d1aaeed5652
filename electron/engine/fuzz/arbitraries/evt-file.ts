/**
 * Legacy .evt files built from parts: records with random fields (strings with lone surrogates,
 * SIDs of any length, data), laid out in a ring that may wrap at the end of the file, with an
 * end-of-file record and a header that is right, stale, or absent — the shapes copied live logs
 * come in.
 */
import fc from 'fast-check';
import { FLAG_DIRTY, FLAG_WRAPPED, HEADER_SIZE } from '../../formats/evt/evt-layout';
import { buildEof, buildHeader, buildRecord, sidBytes, type RecordSpec, writeRing } from '../../formats/evt/evt-test-support';
import { AWKWARD_CHARACTERS } from './text-pieces';

const evtText = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...AWKWARD_CHARACTERS));

const recordFields = fc.record({
  timeGenerated: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constant(1_300_000_000)),
  eventId: fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })),
  eventType: fc.constantFrom(0, 1, 2, 4, 8, 16, 3, 0xffff),
  category: fc.integer({ min: 0, max: 0xffff }),
  source: evtText,
  computer: evtText,
  sid: fc.option(fc.oneof(fc.uint8Array({ maxLength: 68 }), fc.tuple(fc.nat(0xffffff), fc.array(fc.nat(), { maxLength: 15 })).map(([authority, subs]) => sidBytes(authority, subs)))),
  strings: fc.array(evtText, { maxLength: 6 }),
  data: fc.uint8Array({ maxLength: 64 }),
});

type RecordFields = typeof recordFields extends fc.Arbitrary<infer T> ? T : never;

function toSpec(fields: RecordFields, recordNumber: number): RecordSpec {
  return { ...fields, recordNumber, sid: fields.sid ?? undefined };
}

/** A ring: header, then records from `start` (wrapping after the end of the file), then the EOF record. */
export const evtFile: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.array(recordFields, { minLength: 0, maxLength: 12 }),
    fc.integer({ min: 1, max: 2 ** 31 }),
    fc.integer({ min: 0x400, max: 0x4000 }),
    fc.nat(),
    fc.constantFrom('right', 'right', 'stale', 'none'),
    fc.constantFrom(0, FLAG_DIRTY, FLAG_WRAPPED, FLAG_DIRTY | FLAG_WRAPPED),
  )
  .map(([fields, firstNumber, minSize, startSeed, headerKind, flags]) => {
    const records = fields.map((f, i) => buildRecord(toSpec(f, (firstNumber + i) >>> 0)));
    const needed = HEADER_SIZE + records.reduce((sum, record) => sum + record.length, 0) + 0x28 + 8;
    const size = Math.ceil(Math.max(minSize, needed) / 4) * 4;
    const bytes = new Uint8Array(size);
    const start = HEADER_SIZE + ((startSeed % (size - HEADER_SIZE)) & ~3);
    let at = start;
    for (const record of records) at = writeRing(bytes, at, record);
    const last = (firstNumber + records.length) >>> 0;
    writeRing(bytes, at, buildEof(start, at, last, firstNumber));
    if (headerKind !== 'none') {
      const stale = headerKind === 'stale';
      bytes.set(buildHeader({ startOffset: stale ? HEADER_SIZE : start, endOffset: stale ? start : at, currentRecordNumber: last, oldestRecordNumber: firstNumber, maxSize: size, flags }));
    }
    return bytes;
  });
