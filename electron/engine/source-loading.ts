/**
 * Reading an opened file into the store: one ingest job in the worker pool, its detection and
 * progress reflected in the source, its batches stored in order, its accounting and problems kept
 * on the source. A file read again (other options) starts a new generation; batches of an older
 * one are dropped.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadOptions } from '../../shared/api';
import type { SourceInfo } from '../../shared/model/log-event';
import { isSidecarName } from './bookmarks/sidecar-name';
import { ReadFailed, type IngestPool } from './ingest/ingest-pool';
import type { ReadSourceOptions } from './ingest/read-source';
import type { SpooledBatch } from './ingest/spool';
import type { KbService } from './kb/kb-service';

export interface LoadDeps {
  pool: IngestPool;
  kb: KbService;
  workDir: string;
  /** Where the source's bytes are (the file, or a member extracted from an archive). */
  readPath: string;
  generation: number;
  /** Whether this generation of the source is still the one wanted (not closed, not re-read). */
  isCurrent(generation: number): boolean;
  storeBatch(batch: SpooledBatch): Promise<void>;
  /** Something about the source changed (coalesced announcement). */
  changed(): void;
  /** The read ended: announce sources and events now. */
  announce(): void;
}

export async function loadSource(deps: LoadDeps, source: SourceInfo, options: ReadSourceOptions): Promise<void> {
  const { generation, kb } = deps;
  const current = (): boolean => deps.isCurrent(generation);
  source.readOptions = { ...options };
  try {
    const job = {
      path: deps.readPath,
      options,
      spoolDir: deps.workDir,
      spoolPrefix: `source-${source.id}-${generation}`,
      kbRules: kb.entries(),
    };
    const kbVersion = kb.version;
    const report = await deps.pool.run(job, {
      detected: (detection) => {
        if (!current()) return;
        Object.assign(source, {
          confidence: detection.confidence,
          format: detection.format,
          formatLabel: detection.formatLabel,
          encoding: detection.encoding,
          bytesTotal: detection.bytesTotal,
        });
        deps.changed();
      },
      // Closed or reopened while loading: the batch is dropped.
      spooled: (batch) => (current() ? deps.storeBatch(batch) : rm(batch.path, { force: true })),
      progress: (bytesRead) => {
        if (!current()) return;
        source.bytesRead = bytesRead;
        deps.changed();
      },
    });
    if (!current()) return;
    // Rules changed while this file loaded: its later batches used the old ones.
    if (kbVersion !== kb.version) void kb.reclassify();
    Object.assign(source, {
      status: 'ready',
      bytesRead: report.bytesRead,
      replacedBytes: report.replacedBytes,
      lines: report.lines,
      lostLines: report.lostLines,
      damagedBytes: report.damagedBytes,
      damage: report.damage.map((d) => (d.length > 0 ? `offset 0x${d.offset.toString(16)} (${d.length} bytes): ${d.reason}` : d.reason)),
    });
    if (report.lostLines !== 0) {
      source.errors.push(`${source.path}: ${report.lostLines} non-blank lines were not accounted for by the ${report.format} parser`);
    }
    // Notes (an empty file, one that shrank or vanished while read) sit with the errors: the
    // source chip shows them, and a source that is 'ready' is not counted as failed.
    for (const note of report.notes) source.errors.push(`${source.path}: ${note}`);
  } catch (error) {
    if (!current()) return;
    source.status = 'error';
    if (error instanceof ReadFailed && error.extent) {
      // What there was and what was read, so a failed file does not look like an empty one.
      source.bytesTotal = error.extent.bytesTotal;
      source.bytesRead = error.extent.bytesRead;
    }
    // Messages name the file as the user knows it, not the extracted copy.
    source.errors.push((error instanceof Error ? error.message : String(error)).split(deps.readPath).join(source.path));
  }
  deps.announce();
}

/** The files named: folders replaced by the files in them (when asked), in name order. */
export async function expandFolders(paths: readonly string[], expandDirectories: boolean): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() && expandDirectories) {
      const entries = await readdir(path, { withFileTypes: true });
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        // Bookmark sidecars sit beside the logs but are not logs.
        if (entry.isFile() && !entry.name.startsWith('.') && !isSidecarName(entry.name)) files.push(join(path, entry.name));
      }
    } else {
      files.push(path);
    }
  }
  return files;
}

/** The state of a source about to be read (again): everything a read finds out, reset. */
export function freshReading(readOptions: ReadOptions): Omit<SourceInfo, 'id' | 'path' | 'name' | 'format' | 'formatLabel' | 'encoding' | 'bytesTotal' | 'clockOffsetMs'> {
  return {
    status: 'loading',
    bytesRead: 0,
    events: 0,
    unparsed: 0,
    errors: [],
    replacedBytes: 0,
    lines: 0,
    lostLines: 0,
    damagedBytes: 0,
    damage: [],
    confidence: null,
    readOptions,
    live: null,
  };
}
