/**
 * The ingest pipeline for one file: open → pick the format (binary formats by their first bytes,
 * text formats by decoded content) → parse → batches of entries.
 *
 * Runs on any thread (the worker wraps it; `logsift parse --jsonl` calls it directly). Streaming:
 * only one read buffer and one batch are in memory at a time, and the sink's promise pauses
 * reading, so a slow store slows the reader instead of filling memory.
 */
import { readFile, stat as statFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ParseContext, ParseOptions } from '../formats/format';
import { chooseFormat } from './choose-format';
import { changesWhileRead } from './file-changes';
import type { IngestItem, SourceDetection, SourceReadReport } from './ingest-item';
import { grouped, OpenFailure, openRegularFile } from './open-file';
import { readBinarySource } from './read-binary-source';
import { readTextSource } from './read-text-source';
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { SpooledBatch } from './spool';

const SAMPLE_BYTES = 64 * 1024;

export interface ReadSourceOptions extends ParseOptions {
  /** Use this format instead of detecting one. */
  format?: string;
}

export interface ReadSourceSink {
  detected(detection: SourceDetection): void;
  /** Receives entries in file order; reading waits for the returned promise. */
  batch(items: IngestItem[]): Promise<void> | void;
  progress(bytesRead: number): void;
  /** Present where binary formats may parse parts of a file on helper threads (the ingest worker). */
  helpers?: HelperThreads;
}

/** Helper threads that parse units and spool their entries themselves (see unit-pool.ts). */
export interface HelperThreads {
  workerScript: string;
  spoolDir: string;
  spoolPrefix: string;
  kbRules: RuleEntry[];
  /** Stores a batch a helper spooled, after every entry handed to `batch` before it. */
  spooled(batch: SpooledBatch): Promise<void>;
}

/** How much of a file there was and how much of it was read: what a failed read did not claim. */
export interface ReadExtent {
  bytesTotal: number;
  bytesRead: number;
}

/** An error that names the file, for messages such as "x.bin: unknown format". */
export class SourceError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    /** Known when the file could be looked at: its size, and the bytes read before the failure. */
    readonly extent?: ReadExtent,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'SourceError';
  }
}

/** What the format-specific readers share: the open file, its first bytes and the context. */
export interface OpenedSource {
  path: string;
  handle: FileHandle;
  size: number;
  head: Uint8Array;
  context: ParseContext;
}

export async function readSource(path: string, options: ReadSourceOptions, sink: ReadSourceSink): Promise<SourceReadReport> {
  const { handle, stat } = await openRegularFile(path).catch((error: unknown) => {
    throw error instanceof OpenFailure ? new SourceError(path, error.reason, { bytesTotal: error.size, bytesRead: 0 }) : error;
  });
  try {
    // Nothing to detect or parse; said once, on the source, rather than as an unknown format.
    if (stat.size === 0) return emptyFileReport();

    const buffer = new Uint8Array(Math.min(SAMPLE_BYTES, stat.size));
    const { bytesRead: headLength } = await handle.read(buffer, 0, buffer.length, 0);
    const { format: forced, ...parseOptions } = options;
    const source: OpenedSource = {
      path,
      handle,
      size: stat.size,
      head: buffer.subarray(0, headLength),
      context: sourceContext(path, stat.mtimeMs, parseOptions),
    };

    const choice = chooseFormat(source.head, source.context, forced, stat.size);
    if (choice.kind === 'unknown') throw new SourceError(path, choice.reason, { bytesTotal: stat.size, bytesRead: 0 });
    const report =
      choice.kind === 'binary'
        ? await readBinarySource(source, choice.plugin, choice.detection.confidence, sink)
        : await readTextSource(source, choice.plugin, choice.detection, choice.guess, sink);
    const before = choice.kind === 'binary' ? `${grouped(report.events)} records` : `${grouped(report.lines)} lines`;
    report.notes.push(...(await changesWhileRead(path, handle, stat, { bytesRead: report.bytesRead, before })));
    return report;
  } catch (error) {
    throw describeReadError(path, error);
  } finally {
    await handle.close();
  }
}

function emptyFileReport(): SourceReadReport {
  return {
    format: '',
    formatLabel: '',
    confidence: 0,
    encoding: '',
    bytesTotal: 0,
    bytesRead: 0,
    events: 0,
    unparsed: 0,
    replacedBytes: 0,
    lines: 0,
    entryLines: 0,
    skippedLines: 0,
    lostLines: 0,
    damage: [],
    damagedBytes: 0,
    notes: ['the file is empty (0 bytes) — there is nothing to read'],
  };
}

/** A system error while reading (EIO on a failing disk, a vanished network share) in plain words. */
function describeReadError(path: string, error: unknown): unknown {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (!(error instanceof Error) || error instanceof SourceError || !code || (syscall !== 'read' && syscall !== 'fstat')) return error;
  return new SourceError(path, `the file could not be read to its end (${code}: ${error.message.replace(/^[A-Z]+: /, '')})`);
}

/** What format plugins are told about the file they read. */
export function sourceContext(path: string, modifiedTime: number, options: ParseOptions): ParseContext {
  return { fileName: basename(path), modifiedTime, options, readCompanion: (name) => readCompanion(path, name) };
}

/** Companion files are small (message tables); anything larger is not one. */
const MAX_COMPANION_BYTES = 64 * 1024 * 1024;

/** Reads `name` beside `path` or in its LocaleMetaData folder; never anywhere else. */
async function readCompanion(path: string, name: string): Promise<Uint8Array | undefined> {
  const parts = name.split(/[\\/]/);
  const allowed = parts.length === 1 || (parts.length === 2 && parts[0]!.toLowerCase() === 'localemetadata');
  if (!allowed || parts.some((part) => part === '' || part === '.' || part === '..')) return undefined;
  const target = join(dirname(path), ...parts);
  const info = await statFile(target).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_COMPANION_BYTES) return undefined;
  return new Uint8Array(await readFile(target));
}
