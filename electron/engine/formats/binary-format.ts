/**
 * The plugin interface for binary logs (.evtx, .evt): unlike text formats they need random access
 * to the file's bytes, and their damage is reported by byte range rather than by line.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { ParseContext } from './format';

/** Read access to the file; reads past the end return fewer bytes (possibly none). */
export interface RandomAccessFile {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

/** A part of the file that could not be read as records, and why. */
export interface DamageReport {
  /** Byte offset in the file. */
  offset: number;
  /** Bytes affected (skipped or only partly recovered). */
  length: number;
  /** What was wrong, in words a user can act on: "chunk 12: bad signature, skipped". */
  reason: string;
}

export interface BinaryParseSink {
  event(event: ParsedEvent): void;
  /** Reports a damaged region; parsing goes on with what is intact. */
  damaged(report: DamageReport): void;
  /** How far through the file the parser is, in bytes, for the progress bar. */
  progress(bytesDone: number): void;
}

export interface BinaryFormatPlugin {
  readonly kind: 'binary';
  readonly id: string;
  readonly label: string;
  /** How sure the plugin is (0–1) that a file starting with these bytes is its format. */
  detect(head: Uint8Array, context: ParseContext): number;
  /** Reads every record it can; never throws on damaged input (reports it instead). */
  parse(file: RandomAccessFile, sink: BinaryParseSink, context: ParseContext): Promise<void>;
  /**
   * The full text of the record at `position` (its event's `line`), for formats that leave `raw`
   * empty at ingest and render it only when the detail view asks.
   */
  recordText?(file: RandomAccessFile, position: number): Promise<string | undefined>;
}
