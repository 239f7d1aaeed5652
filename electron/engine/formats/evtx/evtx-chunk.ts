/**
 * One 64 KiB .evtx chunk → events and damage, as a pure function of its bytes, so that chunks can
 * be parsed in any order or on worker threads. A chunk carries everything its records need (name
 * and template tables are chunk-local), which is also why damage stays contained in one chunk.
 *
 * Layout: 512-byte header (`ElfChnk\0`, record number/id ranges, last-record and free-space
 * offsets, CRC-32 of the records, CRC-32 of header bytes 0–120 and 128–512, string and template
 * tables), then records from offset 512 up to the free-space offset; beyond it is slack space that
 * may still hold older records.
 */
import type { ParsedEvent } from '../../../../shared/model/log-event';
import type { DamageReport } from '../binary-format';
import type { MessageCatalog } from '../messages/render';
import { collectRecordFields, renderRecordXml } from './binxml-render';
import type { ChunkContext } from './binxml-context';
import { chunkContext } from './binxml-context';
import { parseFragment } from './binxml-tokens';
import { filetimeToMs } from './binxml-values';
import { crc32, hasSignature, hexOffset, u64 } from './evtx-bytes';
import { buildEvent } from './evtx-event';
import { EventFieldCollector } from './evtx-event-fields';

export const CHUNK_SIGNATURE = 'ElfChnk\0';
export const CHUNK_SIZE = 0x10000;
export const CHUNK_HEADER_SIZE = 512;
const RECORD_SIGNATURE = 0x00002a2a; // "**\0\0" read as a little-endian u32
const RECORD_HEADER_SIZE = 24;
/** Header plus the trailing size copy: a record with no event data at all. */
const EMPTY_RECORD_SIZE = RECORD_HEADER_SIZE + 4;

export interface ChunkOptions {
  /** Messages saved with the log (LocaleMetaData), for renderMessage. */
  catalog?: MessageCatalog;
  /** Report slack-space records that cannot be read (stale data, normally not reported): for debugging. */
  slackDetails?: boolean;
  /**
   * Render each record's XML into the event's `raw` (default true). Ingest turns it off: the XML is
   * rendered again on demand for the detail view, and building it for every record cost a third
   * of the parsing.
   */
  xml?: boolean;
}

export interface ChunkResult {
  /** Events of the records between the chunk header and the free-space offset. */
  events: ParsedEvent[];
  /**
   * Events recovered from slack space. Kept apart so that the caller can drop those another chunk
   * holds too (slack often keeps copies) and say how many it recovered.
   */
  recovered: ParsedEvent[];
  damage: DamageReport[];
  /** Offset in the file where the slack space (after the last record) starts. */
  slackOffset: number;
}

const TRAILING_COPY_PROBLEM = 'does not match its trailing copy';
/** 1980-01-01: no .evtx event is older (the format dates from 2006). */
const EARLIEST_PLAUSIBLE_TIME = Date.UTC(1980, 0, 1);

/** Why bytes at an offset are not a record (or '' when they are one that fits). */
function recordProblem(view: DataView, pos: number, limit: number): string {
  if (pos + RECORD_HEADER_SIZE > limit) return 'record header runs past the end of the data';
  if (view.getUint32(pos, true) !== RECORD_SIGNATURE) return 'bad record signature';
  const size = view.getUint32(pos + 4, true);
  if (size < EMPTY_RECORD_SIZE) return `bad record size ${size}`;
  if (pos + size > limit) return `record size ${size} runs past the end of the ${limit < CHUNK_SIZE ? 'data (file truncated)' : 'chunk'}`;
  if (view.getUint32(pos + size - 4, true) !== size) return `record size ${size} ${TRAILING_COPY_PROBLEM}`;
  return '';
}

/** The next offset in [from, to) where a structurally sound record starts, or -1. */
function findRecord(bytes: Uint8Array, view: DataView, from: number, to: number): number {
  for (let pos = bytes.indexOf(0x2a, from); pos >= 0 && pos + RECORD_HEADER_SIZE <= to; pos = bytes.indexOf(0x2a, pos + 1)) {
    if (recordProblem(view, pos, bytes.length) === '') return pos;
  }
  return -1;
}

/** Parses one chunk (`bytes` may be shorter than 64 KiB when the file is truncated). */
export function parseChunk(bytes: Uint8Array, chunkNumber: number, fileOffset: number, options: ChunkOptions = {}): ChunkResult {
  const events: ParsedEvent[] = [];
  const damage: DamageReport[] = [];
  if (bytes.length < CHUNK_HEADER_SIZE || !hasSignature(bytes, 0, CHUNK_SIGNATURE)) {
    const reason = bytes.length < CHUNK_HEADER_SIZE ? `only ${bytes.length} bytes left, too short for a chunk` : 'bad chunk signature';
    damage.push({ offset: fileOffset, length: bytes.length, reason: `chunk ${chunkNumber}: ${reason}, skipped` });
    return { events, recovered: [], damage, slackOffset: fileOffset + bytes.length };
  }
  const context = chunkContext(bytes);
  const { view } = context;

  const storedHeaderCrc = view.getUint32(124, true);
  if (crc32(bytes, 128, CHUNK_HEADER_SIZE, crc32(bytes, 0, 120)) !== storedHeaderCrc) {
    damage.push({ offset: fileOffset, length: 0, reason: `chunk ${chunkNumber}: header checksum mismatch; records read anyway` });
  }
  const freeSpace = view.getUint32(48, true);
  let dataEnd = freeSpace;
  if (freeSpace < CHUNK_HEADER_SIZE || freeSpace > CHUNK_SIZE) {
    damage.push({ offset: fileOffset, length: 0, reason: `chunk ${chunkNumber}: bad free-space offset ${hexOffset(freeSpace)}; whole chunk scanned for records` });
    dataEnd = bytes.length;
  } else if (freeSpace <= bytes.length && crc32(bytes, CHUNK_HEADER_SIZE, freeSpace) !== view.getUint32(52, true)) {
    damage.push({ offset: fileOffset, length: 0, reason: `chunk ${chunkNumber}: record data checksum mismatch; records read anyway` });
  }
  dataEnd = Math.min(dataEnd, bytes.length);

  const reader = new RecordReader(context, chunkNumber, fileOffset, options, events, damage);
  let pos = CHUNK_HEADER_SIZE;
  while (pos + RECORD_HEADER_SIZE <= dataEnd) {
    const problem = recordProblem(view, pos, bytes.length);
    if (problem === '') {
      const size = view.getUint32(pos + 4, true);
      reader.read(pos, size, false);
      pos += size;
      continue;
    }
    const next = findRecord(bytes, view, pos + 1, dataEnd);
    const skipped = (next < 0 ? dataEnd : next) - pos;
    // A record cut off while being written keeps its size but not its trailing copy: read what parses.
    const partial = problem.endsWith(TRAILING_COPY_PROBLEM) && reader.readPartial(pos, view.getUint32(pos + 4, true));
    const what = partial ? 'read anyway (its data may be incomplete)' : `${skipped} bytes skipped`;
    damage.push({ offset: fileOffset + pos, length: skipped, reason: `chunk ${chunkNumber}: ${problem}; ${what}, rest of chunk scanned for records` });
    if (next < 0) {
      pos = dataEnd;
      break;
    }
    pos = next;
  }
  const slack = Math.max(pos, dataEnd);
  const recovered = reader.recoverSlack(slack);
  return { events, recovered, damage, slackOffset: fileOffset + slack };
}

/** Reads records of one chunk into events, reporting the ones it cannot read. */
class RecordReader {
  private readonly fields = new EventFieldCollector();
  private readonly seen = new Set<number>();

  constructor(
    private readonly context: ChunkContext,
    private readonly chunkNumber: number,
    private readonly fileOffset: number,
    private readonly options: ChunkOptions,
    private events: ParsedEvent[],
    private readonly damage: DamageReport[],
  ) {}

  /** Reads the record at `pos`; returns why it could not be read ('' on success). */
  read(pos: number, size: number, quiet: boolean, xml = this.options.xml ?? true): string {
    const { view } = this.context;
    const recordId = u64(view, pos + 8);
    let problem: string;
    try {
      problem = this.parse(pos, size, recordId, xml);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (problem === '') this.seen.add(recordId);
    else if (!quiet) {
      this.damage.push({
        offset: this.fileOffset + pos,
        length: size,
        reason: `chunk ${this.chunkNumber}: record ${recordId}: ${problem}; skipped`,
      });
    }
    return problem;
  }

  /**
   * Reads a record whose trailing size copy is wrong (cut off while it was written): kept only if
   * it parses to an event with a provider, an ID and a creation time, so that zeroed or foreign
   * bytes never become one.
   */
  readPartial(pos: number, size: number): boolean {
    const count = this.events.length;
    // With its XML, to see what the record really holds (this is rare).
    if (this.read(pos, size, true, true) !== '') return false;
    const event = this.events[count];
    // A zero-filled body renders too (provider-less, created in 1601): that is not an event.
    const plausible = event && event.provider !== null && event.eventId !== null && event.time !== null && event.time > EARLIEST_PLAUSIBLE_TIME;
    if (plausible && event.raw.includes('<TimeCreated SystemTime=')) {
      if (this.options.xml === false) event.raw = '';
      return true;
    }
    this.events.length = count;
    this.seen.delete(u64(this.context.view, pos + 8));
    return false;
  }

  private parse(pos: number, size: number, recordId: number, withXml: boolean): string {
    if (size === EMPTY_RECORD_SIZE) return 'no event data (zero data size)';
    const { view } = this.context;
    const nodes = parseFragment(this.context, pos + RECORD_HEADER_SIZE, pos + size - 4, false, 0);
    this.fields.reset();
    const xml = withXml ? renderRecordXml(nodes, this.fields) : '';
    if (withXml ? xml === '' : !collectRecordFields(nodes, this.fields)) return 'no event XML in the record';
    const writtenTime = filetimeToMs(view.getUint32(pos + 16, true), view.getUint32(pos + 20, true));
    this.events.push(buildEvent(this.fields, xml, { recordId, writtenTime, fileOffset: this.fileOffset + pos }, this.options.catalog));
    return '';
  }

  /**
   * Slack space (after the free-space offset) often still holds records from before the chunk was
   * reused. Those that are sound, parse, and are not already in the chunk are recovered; the rest
   * are stale (their templates were overwritten) and are not damage.
   */
  recoverSlack(from: number): ParsedEvent[] {
    const { bytes, view } = this.context;
    const recovered: ParsedEvent[] = [];
    const main = this.events;
    this.events = recovered;
    for (let pos = findRecord(bytes, view, from, bytes.length); pos >= 0; ) {
      const size = view.getUint32(pos + 4, true);
      if (!this.seen.has(u64(view, pos + 8))) this.read(pos, size, !(this.options.slackDetails ?? false));
      pos = findRecord(bytes, view, pos + size, bytes.length);
    }
    this.events = main;
    return recovered;
  }
}
