/**
 * Reads a binary format (.evtx, .evt) through random access. Entries are batched like text
 * formats'; damaged regions are collected (the first few hundred in full) and summed, so the
 * accounting can say what was skipped, where and why.
 */
import type { BinaryFormatPlugin, DamageReport, RandomAccessFile } from '../formats/binary-format';
import type { IngestItem, SourceReadReport } from './ingest-item';
import type { OpenedSource, ReadSourceSink } from './read-source';

const BATCH_ITEMS = 2000;
/** Damage reports kept in full; beyond this they are only counted. */
const MAX_DAMAGE_REPORTS = 200;

export async function readBinarySource(
  source: OpenedSource,
  plugin: BinaryFormatPlugin,
  confidence: number,
  sink: ReadSourceSink,
): Promise<SourceReadReport> {
  const detection = { format: plugin.id, formatLabel: plugin.label, confidence, encoding: 'binary', bytesTotal: source.size };
  sink.detected(detection);
  let events = 0;
  let pending: IngestItem[] = [];
  const damage: DamageReport[] = [];
  let damagedBytes = 0;
  let damageCount = 0;

  // Batches are handed on whenever the parser asks for more bytes: that is where it can wait.
  const file: RandomAccessFile = {
    size: source.size,
    async read(position, length) {
      if (pending.length >= BATCH_ITEMS) {
        const items = pending;
        pending = [];
        await sink.batch(items);
      }
      const buffer = new Uint8Array(Math.max(0, Math.min(length, source.size - position)));
      if (buffer.length === 0) return buffer;
      const { bytesRead } = await source.handle.read(buffer, 0, buffer.length, position);
      return buffer.subarray(0, bytesRead);
    },
  };

  await plugin.parse(
    file,
    {
      event(event) {
        events++;
        pending.push({ kind: 'event', event });
      },
      damaged(report) {
        damageCount++;
        damagedBytes += report.length;
        if (damage.length < MAX_DAMAGE_REPORTS) damage.push(report);
      },
      progress: (bytesDone) => sink.progress(bytesDone),
    },
    source.context,
  );
  if (pending.length > 0) await sink.batch(pending);
  if (damageCount > damage.length) {
    damage.push({ offset: 0, length: 0, reason: `${damageCount - damage.length} more damaged regions not listed` });
  }
  sink.progress(source.size);
  return {
    ...detection,
    bytesRead: source.size,
    events,
    unparsed: 0,
    replacedBytes: 0,
    lines: 0,
    entryLines: 0,
    skippedLines: 0,
    lostLines: 0,
    damage,
    damagedBytes,
  };
}
