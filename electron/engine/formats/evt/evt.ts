/**
 * Legacy Windows NT/2000/XP/2003 event log (.evt) reader, damage-tolerant.
 *
 * Two passes: the first indexes every candidate record and end-of-file record in the file (the
 * header's offsets are stale in dirty files, which copied live logs always are); the second walks
 * the ring oldest first, decodes each record and reports what it had to skip.
 */
import type { BinaryFormatPlugin, BinaryParseSink, RandomAccessFile } from '../binary-format';
import type { ParseContext } from '../format';
import { channelFromFileName, toParsedEvent } from './evt-event';
import { HEADER_SIZE, MIN_RECORD_SIZE, hasSignature, parseHeader, u32 } from './evt-layout';
import { chooseLayout, planRing } from './evt-plan';
import { decodeRecord } from './evt-record';
import { RingReader } from './evt-ring-reader';
import { probeEof, scanFile } from './evt-scan';

/** How sure detection is: a whole header, or a file that starts with a record (header lost). */
const HEADER_CONFIDENCE = 0.99;
const RECORD_CONFIDENCE = 0.8;

/** Rates the first bytes: a header (size 0x30, "LfLe"), else something that starts like a record. */
export function detectEvt(head: Uint8Array): number {
  if (head.length < 8 || !hasSignature(head, 4)) return 0;
  const size = u32(head, 0);
  if (size === HEADER_SIZE) return HEADER_CONFIDENCE;
  return size >= MIN_RECORD_SIZE && size % 4 === 0 && size < 0x1000000 ? RECORD_CONFIDENCE : 0;
}

/** Reads every record it can from an .evt file, oldest first. */
export async function parseEvt(file: RandomAccessFile, sink: BinaryParseSink, context: ParseContext): Promise<void> {
  const reader = new RingReader(file);
  const size = file.size;
  const header = parseHeader(await reader.read(0, HEADER_SIZE));
  // Pass 1 counts as the first half of the progress bar, pass 2 as the second.
  const { index, eofRecords } = await scanFile(reader, header !== undefined, (bytes) => sink.progress(Math.floor(bytes / 2)));
  if (eofRecords.length === 0 && header && header.endOffset >= HEADER_SIZE && header.endOffset < size) {
    // An end-of-file record split by the wrap point is invisible to the scan: try where the header says.
    const split = await probeEof(reader, header.endOffset);
    if (split) eofRecords.push(split);
  }
  const { layout, damage } = chooseLayout(header, eofRecords, index, size);
  const plan = planRing(index, layout);
  for (const report of [...damage, ...plan.damage]) sink.damaged(report);

  const channel = channelFromFileName(context.fileName);
  const every = Math.max(1, Math.floor(plan.order.length / 100));
  for (let i = 0; i < plan.order.length; i++) {
    const k = plan.order[i]!;
    const offset = index.offset[k] ?? 0;
    const bytes = await reader.readRing(offset, index.length[k] ?? 0);
    if (!bytes) {
      // The first pass read these bytes; only a file that changed since can get here.
      sink.damaged({ offset, length: index.length[k] ?? 0, reason: `record ${index.recordNumber[k]} could no longer be read; skipped` });
      continue;
    }
    const record = decodeRecord(bytes);
    if (record.problems.length > 0) {
      sink.damaged({ offset, length: record.length, reason: `record ${record.recordNumber}: ${record.problems.join('; ')}; partly recovered` });
    }
    sink.event(toParsedEvent(record, channel));
    if (i % every === 0) sink.progress(Math.floor(size / 2 + (size / 2) * (i / plan.order.length)));
  }
  sink.progress(size);
}

export const evt: BinaryFormatPlugin = {
  kind: 'binary',
  id: 'evt',
  label: 'Windows event log, legacy (.evt)',
  detect: (head) => detectEvt(head),
  parse: (file, sink, context) => parseEvt(file, sink, context),
};
