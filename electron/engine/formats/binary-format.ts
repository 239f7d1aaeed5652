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
  /**
   * Present when the reader has helper threads for the plugin's `units` parser: the plugin may
   * then hand independent parts of the file to them instead of parsing them itself.
   */
  readonly units?: UnitRunner;
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
  /** Parses independent parts of a file (.evtx chunks) on helper threads; see UnitParser. */
  readonly units?: UnitParser;
}

/**
 * The part of a binary format that runs on helper threads: it turns one unit of input (for .evtx,
 * a run of chunks) into events, which the helper hands straight to the store, and a summary
 * (anything structured-clonable) that goes back to the plugin.
 */
export interface UnitParser<Input = unknown, Summary = unknown> {
  /** Per-thread set-up for one file (e.g. loading a message catalog saved beside it). */
  prepare(context: ParseContext): Promise<UnitParserState<Input, Summary>>;
}

export interface UnitParserState<Input, Summary> {
  /** Parses a unit; hands its events on as they come (a few at a time, so they die young). */
  parse(input: Input, emit: (events: ParsedEvent[]) => void): Summary;
}

/** Runs units on helper threads; given to the plugin through BinaryParseSink.units. */
export interface UnitRunner {
  /** How many units are worth having in flight at once. */
  readonly parallelism: number;
  /** Parses `input` on a helper thread; `transfer` lists buffers moved (not copied) there. */
  run(input: unknown, transfer: ArrayBuffer[]): Promise<UnitOutcome>;
}

export interface UnitOutcome {
  /** What the unit parser returned besides its events. */
  summary: unknown;
  /** How many events the unit held. */
  events: number;
  /** Hands the unit's events on. Call it for each unit in file order: that is their order in the store. */
  deliver(): Promise<void>;
}
