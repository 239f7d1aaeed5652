/**
 * Follows one file by byte offset. Each cycle reads what was appended since the last one, hands
 * the complete lines to the file's format plugin, and keeps a partial last line until its end
 * arrives (or the file has been quiet for a while: `settle`). A cycle is a fresh parse of the new
 * lines, preceded by the file's header lines (CSV header, W3C directives) so that column-based
 * formats read them right; nothing else is read twice.
 *
 * Binary formats (.evtx, .evt) that grow are parsed again and only records newer than those
 * already reported are kept.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { StreamDecoder, type TextEncodingName } from '../decode/decoder';
import type { BinaryFormatPlugin, RandomAccessFile } from '../formats/binary-format';
import type { FormatPlugin } from '../formats/format';
import type { IngestItem, SourceDetection } from '../ingest/ingest-item';
import { chooseFormat, isBinary } from '../ingest/choose-format';
import { fileKind, READ_NONBLOCKING } from '../ingest/open-file';
import { sourceContext, type ReadSourceOptions } from '../ingest/read-source';
import { fileIdentity, HEAD_BYTES } from './file-identity';

/** Bytes read per step; also the sample format detection looks at. */
const READ_BYTES = 1024 * 1024;
/** Bytes compared at each cycle to notice a file rewritten in place with as much data as before. */
const REWRITE_CHECK_BYTES = 64;

/** What a cycle found out about the file itself. */
export type CycleState = 'read' | 'unchanged' | 'missing' | 'replaced' | 'unreadable' | 'empty';

export interface CycleOutcome {
  state: CycleState;
  /** Set on the cycle that recognised the format. */
  detection?: SourceDetection;
  /** What happened that the user should know: "truncated; reading again from the start". */
  notes: string[];
  /** The generation a truncation ended: a copy of it may turn up (copy-truncate rotation). */
  ended?: Generation;
}

/** What was read of one generation of a file: enough to recognise a copy and go on from there. */
export interface Generation {
  head: Uint8Array;
  offset: number;
  plugin: FormatPlugin | BinaryFormatPlugin | undefined;
  encoding: TextEncodingName;
  preamble: string[] | undefined;
  lines: number;
  detection: SourceDetection | undefined;
}

export type ItemSink = (items: IngestItem[]) => Promise<void>;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export class TailReader {
  /** The file (device and inode) this reader follows, whatever its name becomes. */
  identity: string | undefined;
  /** Bytes of the current generation consumed (a partial last line included). */
  offset = 0;
  /** The first bytes of the current generation, as far as read. */
  head: Uint8Array = new Uint8Array(0);
  private plugin: FormatPlugin | BinaryFormatPlugin | undefined;
  private encoding: TextEncodingName = 'utf-8';
  private decoder: StreamDecoder | undefined;
  private carry = '';
  /** Lines before the first entry (headers, directives), replayed before each cycle's lines. */
  private preamble: string[] | undefined;
  /** Lines of the current generation already parsed. */
  private lines = 0;
  private newestRecord = -1;
  /** The format found for the current generation. */
  detection: SourceDetection | undefined;

  constructor(
    public path: string,
    private readonly options: ReadSourceOptions,
  ) {}

  /** Where this reader is: a copy of the file (same head) may go on from here. */
  generation(): Generation {
    return {
      head: this.head,
      offset: this.offset - this.carryBytes(),
      plugin: this.plugin,
      encoding: this.encoding,
      preamble: this.preamble,
      lines: this.lines,
      detection: this.detection,
    };
  }

  /** Bytes of the partial last line held back (they are read again from a copy). */
  private carryBytes(): number {
    if (this.carry === '') return 0;
    return this.encoding === 'utf-8' ? Buffer.byteLength(this.carry, 'utf8') : this.encoding === 'windows-1252' ? this.carry.length : this.carry.length * 2;
  }

  /** Goes on from where `generation` left off: this file is a copy of it (copy-truncate rotation). */
  continueFrom(generation: Generation): void {
    this.restart();
    this.plugin = generation.plugin;
    this.encoding = generation.encoding;
    this.preamble = generation.preamble;
    this.lines = generation.lines;
    this.offset = generation.offset;
    this.head = generation.head;
    this.detection = generation.detection;
  }

  /** Starts the file again from its beginning (it was truncated or rewritten in place). */
  restart(): void {
    this.offset = 0;
    this.head = new Uint8Array(0) as Uint8Array;
    this.plugin = undefined;
    this.decoder = undefined;
    this.carry = '';
    this.preamble = undefined;
    this.lines = 0;
    this.newestRecord = -1;
    this.detection = undefined;
  }

  /**
   * Reads what is new. `settle`: the file has been quiet, so a last line without its newline is
   * taken as complete. Items go to `sink` in file order, in batches.
   */
  async cycle(sink: ItemSink, settle = false): Promise<CycleOutcome> {
    let handle: FileHandle;
    try {
      // Never blocks: a FIFO put in the file's place must not hold the thread.
      handle = await open(this.path, READ_NONBLOCKING);
    } catch (error) {
      const code = errorCode(error);
      return { state: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', notes: code === 'EACCES' || code === 'EPERM' ? ['permission denied; will try again'] : [] };
    }
    try {
      const stat = await handle.stat();
      const identity = fileIdentity(stat);
      if (this.identity === undefined) this.identity = identity;
      else if (identity !== this.identity) return { state: 'replaced', notes: [] };
      if (!stat.isFile()) return { state: 'unreadable', notes: [`not a regular file (${fileKind(stat)})`] };
      const notes: string[] = [];
      let ended: Generation | undefined;
      // Shorter than what was read, or its first bytes changed: rewritten in place (copy-truncate).
      const rewritten = stat.size < this.offset || (this.head.length > 0 && !(await startsWith(handle, this.head, REWRITE_CHECK_BYTES)));
      if (rewritten) {
        notes.push(`truncated or rewritten (${stat.size} bytes) at ${new Date().toISOString().slice(11, 19)}; reading again from the start`);
        ended = this.generation();
        this.restart();
      }
      if (stat.size === 0) return { state: 'empty', notes, ended };
      if (stat.size === this.offset && !(settle && this.carry !== '')) return { state: notes.length > 0 ? 'read' : 'unchanged', notes, ended };
      let detection: SourceDetection | undefined;
      if (!this.plugin) {
        detection = this.detection = await this.detect(handle, stat.size);
        if (!detection) return { state: 'unreadable', notes: [...notes, 'unknown format (no format plugin recognises its content)'] };
      }
      if (this.head.length < HEAD_BYTES) this.head = await readAt(handle, 0, Math.min(HEAD_BYTES, stat.size));
      const plugin = this.plugin!;
      if (isBinary(plugin)) await this.cycleBinary(plugin, handle, stat.size, stat.mtimeMs, sink);
      else await this.cycleText(plugin, handle, stat.size, stat.mtimeMs, sink, settle);
      return { state: 'read', detection, notes, ended };
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EACCES' || code === 'EPERM') return { state: 'unreadable', notes: ['permission denied; will try again'] };
      throw error;
    } finally {
      await handle.close();
    }
  }

  private async detect(handle: FileHandle, size: number): Promise<SourceDetection | undefined> {
    const head = await readAt(handle, 0, Math.min(READ_BYTES, size));
    const choice = chooseFormat(head, sourceContext(this.path, 0, this.options), this.options.format, size);
    if (choice.kind === 'unknown') return undefined;
    this.plugin = choice.plugin;
    if (choice.kind === 'text') {
      this.encoding = choice.guess.encoding;
      this.offset = choice.guess.bomLength;
    }
    return choice.detection;
  }

  private async cycleText(plugin: FormatPlugin, handle: FileHandle, size: number, modifiedTime: number, sink: ItemSink, settle: boolean): Promise<void> {
    this.decoder ??= new StreamDecoder(this.encoding);
    const decoder = this.decoder;
    const preamble = this.preamble ?? [];
    const preambleText = preamble.length > 0 ? `${preamble.join('\n')}\n` : '';
    const firstCycle = this.preamble === undefined;
    const lineBase = this.lines;
    let pending: IngestItem[] = [];
    let newLines = 0;
    let firstEntryLine: number | undefined;
    const firstLines: string[] = [];

    // The new bytes, decoded, cut after the last line end; the rest waits for the next cycle.
    const reader = { offset: this.offset, carry: this.carry };
    async function* chunks(): AsyncGenerator<string> {
      if (preambleText) yield preambleText;
      while (reader.offset < size) {
        const bytes = await readAt(handle, reader.offset, Math.min(READ_BYTES, size - reader.offset));
        if (bytes.length === 0) break;
        reader.offset += bytes.length;
        let text = reader.carry + decoder.decode(bytes);
        reader.carry = '';
        if (reader.offset >= size && !settle) {
          const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
          reader.carry = text.slice(end + 1);
          text = text.slice(0, end + 1);
        }
        if (firstCycle && firstLines.length < 200) firstLines.push(...text.split(/\r\n|\n|\r/, 200));
        newLines += countLines(text);
        if (pending.length >= 2000) {
          const items = pending;
          pending = [];
          await sink(items);
        }
        if (text) yield text;
      }
      if (settle && reader.carry) {
        newLines += 1;
        yield reader.carry;
        reader.carry = '';
      }
    }

    // Lines as the user knows them: numbered in the file, not in this cycle's text.
    const renumber = (line: number): number => line - preamble.length + lineBase;
    const context = { ...sourceContext(this.path, modifiedTime, this.options) };
    await plugin.parse(
      chunks(),
      {
        event: (event: ParsedEvent) => {
          if (event.line <= preamble.length) return;
          firstEntryLine ??= event.line;
          pending.push({ kind: 'event', event: { ...event, line: renumber(event.line) } });
        },
        unparsed: (row) => {
          if (row.line <= preamble.length) return;
          firstEntryLine ??= row.line;
          pending.push({ kind: 'unparsed', row: { ...row, line: renumber(row.line) } });
        },
        skipped: () => undefined,
      },
      context,
    );
    if (pending.length > 0) await sink(pending);
    this.offset = reader.offset;
    this.carry = reader.carry;
    this.lines += newLines;
    // The header is what came before the first entry of the file; no entry yet: all of it so far.
    if (firstCycle) this.preamble = firstLines.slice(0, firstEntryLine === undefined ? newLines : Math.max(0, firstEntryLine - 1));
  }

  private async cycleBinary(plugin: BinaryFormatPlugin, handle: FileHandle, size: number, modifiedTime: number, sink: ItemSink): Promise<void> {
    const file: RandomAccessFile = { size, read: (position, length) => readAt(handle, position, Math.max(0, Math.min(length, size - position))) };
    const fresh: ParsedEvent[] = [];
    let newest = this.newestRecord;
    await plugin.parse(
      file,
      {
        event: (event) => {
          const id = event.recordId ?? -1;
          // Records already reported are skipped; a file without record ids is read once.
          if (this.newestRecord >= 0 ? id > this.newestRecord : true) fresh.push(event);
          newest = Math.max(newest, id);
        },
        damaged: () => undefined,
        progress: () => undefined,
      },
      sourceContext(this.path, modifiedTime, this.options),
    );
    this.newestRecord = newest;
    this.offset = size;
    for (let i = 0; i < fresh.length; i += 2000) await sink(fresh.slice(i, i + 2000).map((event) => ({ kind: 'event', event })));
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/** Whether the file still starts with the first `length` bytes of `head`. */
async function startsWith(handle: FileHandle, head: Uint8Array, length: number): Promise<boolean> {
  const count = Math.min(length, head.length);
  const now = await readAt(handle, 0, count);
  if (now.length < count) return false;
  for (let i = 0; i < count; i++) if (now[i] !== head[i]) return false;
  return true;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(Math.max(0, length));
  if (buffer.length === 0) return buffer;
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
  return buffer.subarray(0, bytesRead);
}
