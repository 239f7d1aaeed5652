/**
 * The ingest pipeline for one file: read bytes → decode → detect format → parse → batches.
 *
 * Runs on any thread (the worker wraps it; `logsift parse --jsonl` calls it directly). Streaming:
 * only one read buffer and one batch are in memory at a time, and the sink's promise pauses
 * reading, so a slow store slows the reader instead of filling memory.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectEncoding, StreamDecoder } from '../decode/decoder';
import type { ParseOptions } from '../formats/format';
import { detectFormat, formatById } from '../formats/registry';
import type { IngestItem, SourceDetection, SourceReadReport } from './ingest-item';
import { countNonBlankLines, StreamingLineCounter } from './line-accounting';

const SAMPLE_BYTES = 64 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;
const BATCH_ITEMS = 2000;

export interface ReadSourceOptions extends ParseOptions {
  /** Use this format instead of detecting one. */
  format?: string;
}

export interface ReadSourceSink {
  detected(detection: SourceDetection): void;
  /** Receives entries in file order; reading waits for the returned promise. */
  batch(items: IngestItem[]): Promise<void> | void;
  progress(bytesRead: number): void;
}

/** An error that names the file, for messages such as "x.bin: unknown format". */
export class SourceError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'SourceError';
  }
}

export async function readSource(path: string, options: ReadSourceOptions, sink: ReadSourceSink): Promise<SourceReadReport> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new SourceError(path, describeFsError(error));
  });
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new SourceError(path, 'is a directory, not a file');
    if (!stat.isFile()) throw new SourceError(path, 'is not a regular file');

    const head = new Uint8Array(Math.min(SAMPLE_BYTES, stat.size));
    const { bytesRead: headLength } = await handle.read(head, 0, head.length, 0);
    const guess = detectEncoding(head.subarray(0, headLength));
    const sample = new StreamDecoder(guess.encoding).decode(head.subarray(guess.bomLength, headLength));

    const { format: _forced, ...parseOptions } = options;
    const context = { fileName: basename(path), modifiedTime: stat.mtimeMs, options: parseOptions };
    const plugin = options.format ? formatById(options.format) : detectFormat(sample, context)?.plugin;
    if (!plugin) {
      throw new SourceError(path, options.format ? `no format called "${options.format}"` : 'unknown format (no format plugin recognises its content)');
    }
    const detection: SourceDetection = {
      format: plugin.id,
      formatLabel: plugin.label,
      confidence: options.format ? 1 : plugin.detect(sample, context),
      encoding: guess.encoding,
      bytesTotal: stat.size,
    };
    sink.detected(detection);

    const decoder = new StreamDecoder(guess.encoding);
    let bytesRead = guess.bomLength;
    let events = 0;
    let unparsed = 0;
    let entryLines = 0;
    let skippedLines = 0;
    const lineCounter = new StreamingLineCounter();
    let pending: IngestItem[] = [];
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const items = pending;
      pending = [];
      await sink.batch(items);
    };

    const stream = handle.createReadStream({ start: guess.bomLength, highWaterMark: READ_CHUNK_BYTES, autoClose: false });
    async function* decodedChunks(): AsyncGenerator<string> {
      for await (const buffer of stream as AsyncIterable<Buffer>) {
        bytesRead += buffer.length;
        const text = decoder.decode(buffer);
        lineCounter.push(text);
        if (pending.length >= BATCH_ITEMS) await flush();
        sink.progress(bytesRead);
        if (text.length > 0) yield text;
      }
      const tail = decoder.end();
      lineCounter.push(tail);
      if (tail.length > 0) yield tail;
    }

    await plugin.parse(
      decodedChunks(),
      {
        event(event) {
          events++;
          entryLines += countNonBlankLines(event.raw);
          pending.push({ kind: 'event', event });
        },
        unparsed(row) {
          unparsed++;
          entryLines += countNonBlankLines(row.raw);
          pending.push({ kind: 'unparsed', row });
        },
        skipped(lines) {
          skippedLines += lines;
        },
      },
      context,
    );
    await flush();
    sink.progress(bytesRead);
    const lines = lineCounter.total;
    return {
      ...detection,
      bytesRead,
      events,
      unparsed,
      replacedBytes: decoder.replaced,
      lines,
      entryLines,
      skippedLines,
      lostLines: lines - entryLines - skippedLines,
    };
  } finally {
    await handle.close();
  }
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return error.message;
  }
}
