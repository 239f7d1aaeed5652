/**
 * Reads a binary format (.evtx, .evt) through random access. Entries are batched like text
 * formats'; damaged regions are collected (the first few hundred in full) and summed, so the
 * accounting can say what was skipped, where and why. Where the reader has helper threads and the
 * format a unit parser, large files are parsed on those threads (UnitPool).
 */
import type { BinaryFormatPlugin, DamageReport, RandomAccessFile } from '../formats/binary-format';
import type { IngestItem, SourceReadReport } from './ingest-item';
import type { OpenedSource, ReadSourceSink } from './read-source';
import type { SpooledBatch } from './spool';
import { UnitPool } from './unit-pool';

const BATCH_ITEMS = 2000;
/** Smaller files are read faster than helper threads start. */
const MIN_BYTES_FOR_HELPERS = 4 * 1024 * 1024;
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
  /** Where a read first found the file ending before its size when opened: it became shorter. */
  let endedAt: number | undefined;

  const takeBatch = async (): Promise<void> => {
    const items = pending;
    pending = [];
    await sink.batch(items);
  };

  // Batches are handed on whenever the parser asks for more bytes: that is where it can wait.
  const file: RandomAccessFile = {
    size: source.size,
    async read(position, length) {
      if (pending.length >= BATCH_ITEMS) await takeBatch();
      const buffer = new Uint8Array(Math.max(0, Math.min(length, source.size - position)));
      if (buffer.length === 0) return buffer;
      const { bytesRead } = await source.handle.read(buffer, 0, buffer.length, position);
      if (bytesRead < buffer.length) endedAt = Math.min(endedAt ?? Infinity, position + bytesRead);
      return buffer.subarray(0, bytesRead);
    },
  };

  const units = helperThreads(source, plugin, sink, async (batch) => {
    // Whatever the plugin emitted itself before this unit goes first, to keep file order.
    if (pending.length > 0) await takeBatch();
    events += batch.events;
    await sink.helpers!.spooled(batch);
  });
  try {
    await plugin.parse(
      file,
      {
        units,
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
  } finally {
    await units?.close();
  }
  if (pending.length > 0) await sink.batch(pending);
  if (damageCount > damage.length) {
    damage.push({ offset: 0, length: 0, reason: `${damageCount - damage.length} more damaged regions not listed` });
  }
  // Bytes past where the file ended were never read: not claimed (file-changes.ts reports them).
  const bytesRead = Math.min(source.size, endedAt ?? source.size);
  sink.progress(bytesRead);
  return {
    ...detection,
    bytesRead,
    events,
    unparsed: 0,
    replacedBytes: 0,
    lines: 0,
    entryLines: 0,
    skippedLines: 0,
    lostLines: 0,
    damage,
    damagedBytes,
    notes: [],
  };
}

/** Helper threads for this file, when the reader has them, the format can use them and the file is large. */
function helperThreads(
  source: OpenedSource,
  plugin: BinaryFormatPlugin,
  sink: ReadSourceSink,
  deliver: (batch: SpooledBatch) => Promise<void>,
): UnitPool | undefined {
  const helpers = sink.helpers;
  if (!helpers || !plugin.units || source.size < MIN_BYTES_FOR_HELPERS) return undefined;
  const { modifiedTime, options } = source.context;
  const { spoolDir, spoolPrefix, kbRules } = helpers;
  const job = { format: plugin.id, path: source.path, modifiedTime, options, spoolDir, spoolPrefix, kbRules };
  return new UnitPool(helpers.workerScript, job, deliver);
}
