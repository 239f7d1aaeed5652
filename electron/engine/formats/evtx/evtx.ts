/**
 * Windows XML Event Log (.evtx) reader: a 4 KiB file header, then 64 KiB chunks read one at a time
 * (each read lets the pipeline hand on what was parsed) and parsed independently by parseChunk.
 * Damage never stops the file: a bad header is ignored, a bad chunk is skipped, a bad record is
 * reported and the chunk scanned on for the next one; all of it goes to sink.damaged.
 */
import type { BinaryFormatPlugin, BinaryParseSink, RandomAccessFile } from '../binary-format';
import type { ParseContext } from '../format';
import { loadLocaleMetaData } from '../messages/locale-metadata';
import type { MessageCatalog } from '../messages/render';
import { crc32, hasSignature, isZeroFilled } from './evtx-bytes';
import type { ChunkResult } from './evtx-chunk';
import { CHUNK_HEADER_SIZE, CHUNK_SIGNATURE, CHUNK_SIZE, parseChunk } from './evtx-chunk';
import { FILE_HEADER_BLOCK_SIZE, FILE_SIGNATURE, readFileHeader } from './evtx-file-header';
import { SlackRecovery } from './evtx-slack';

/** Detection: a whole log, or a chunk carved out of one. */
export function detectEvtx(head: Uint8Array): number {
  if (hasSignature(head, 0, FILE_SIGNATURE)) return 0.99;
  if (hasSignature(head, 0, CHUNK_SIGNATURE)) return 0.9;
  return 0;
}

/**
 * Where a chunk signature starts inside `bytes` after offset 0, or -1. Accepted only where the
 * chunk header's own checksum agrees, so record data that happens to spell it is not taken.
 */
function findChunkSignature(bytes: Uint8Array): number {
  for (let pos = bytes.indexOf(0x45, 1); pos >= 0 && pos + CHUNK_HEADER_SIZE <= bytes.length; pos = bytes.indexOf(0x45, pos + 1)) {
    if (!hasSignature(bytes, pos, CHUNK_SIGNATURE)) continue;
    const stored = new DataView(bytes.buffer, bytes.byteOffset + pos + 124, 4).getUint32(0, true);
    if (crc32(bytes, pos + 128, pos + CHUNK_HEADER_SIZE, crc32(bytes, pos, pos + 120)) === stored) return pos;
  }
  return -1;
}

async function catalogFor(context: ParseContext): Promise<MessageCatalog | undefined> {
  try {
    return await loadLocaleMetaData(context, context.fileName);
  } catch {
    // Messages are a nicety: without them the insertion strings are shown.
    return undefined;
  }
}

/** Reads every chunk of `file`, in file order. */
async function parseEvtx(file: RandomAccessFile, sink: BinaryParseSink, context: ParseContext): Promise<void> {
  const catalog = await catalogFor(context);
  const head = await file.read(0, FILE_HEADER_BLOCK_SIZE);
  let offset = 0;
  if (!hasSignature(head, 0, CHUNK_SIGNATURE)) {
    // A carved chunk starts at 0; anything else has (or had) the 4 KiB header.
    offset = FILE_HEADER_BLOCK_SIZE;
    const header = readFileHeader(head);
    if (header.problem) {
      sink.damaged({ offset: 0, length: Math.min(FILE_HEADER_BLOCK_SIZE, file.size), reason: `file header: ${header.problem}; ignored, chunks read by their own headers` });
    }
  }
  const slack = new SlackRecovery(sink);
  for (let chunkNumber = 0; offset < file.size; chunkNumber++) {
    const bytes = await file.read(offset, CHUNK_SIZE);
    if (bytes.length === 0) break;
    if (!hasSignature(bytes, 0, CHUNK_SIGNATURE)) {
      // Pre-allocated space that was never written is all zeros: not damage.
      if (!isZeroFilled(bytes, 0, bytes.length)) {
        const found = findChunkSignature(bytes);
        const skipped = found > 0 ? found : bytes.length;
        const what = found > 0 ? `no chunk signature; next chunk found ${skipped} bytes on` : 'bad chunk signature, skipped';
        sink.damaged({ offset, length: skipped, reason: `chunk ${chunkNumber}: ${what}` });
        if (found > 0) {
          // Misaligned (carved or spliced) data: continue from the chunk that was found.
          offset += found;
          continue;
        }
      }
      offset += bytes.length;
      sink.progress(offset);
      continue;
    }
    if (bytes.length < CHUNK_SIZE) {
      // The missing bytes are not in the file: the cut record is reported by parseChunk.
      sink.damaged({ offset: offset + bytes.length, length: 0, reason: `chunk ${chunkNumber}: file ends after ${bytes.length} of its ${CHUNK_SIZE} bytes (truncated)` });
    }
    let result: ChunkResult;
    try {
      result = parseChunk(bytes, chunkNumber, offset, { catalog });
    } catch (error) {
      // parseChunk reports damage itself; this is the last resort so that one chunk never ends the file.
      sink.damaged({ offset, length: bytes.length, reason: `chunk ${chunkNumber}: could not be read (${error instanceof Error ? error.message : String(error)}), skipped` });
      offset += bytes.length;
      continue;
    }
    // The record's XML is rendered again on demand for the detail view (recordText): storing it
    // for every record cost several times the parsing itself.
    for (const event of result.events) sink.event({ ...event, raw: '' });
    for (const report of result.damage) sink.damaged(report);
    slack.chunkRead(result.events);
    if (result.recovered.length > 0) slack.add(chunkNumber, result.slackOffset, result.recovered);
    offset += bytes.length;
    sink.progress(offset);
  }
  slack.flush();
}

/** The XML of the record that starts at `position` (an event's `line`), from its chunk. */
async function recordXml(file: RandomAccessFile, position: number): Promise<string | undefined> {
  const head = await file.read(0, 8);
  const base = hasSignature(head, 0, CHUNK_SIGNATURE) ? 0 : FILE_HEADER_BLOCK_SIZE;
  if (position < base) return undefined;
  const chunkStart = base + Math.floor((position - base) / CHUNK_SIZE) * CHUNK_SIZE;
  const bytes = await file.read(chunkStart, CHUNK_SIZE);
  if (!hasSignature(bytes, 0, CHUNK_SIGNATURE)) return undefined;
  const result = parseChunk(bytes, Math.floor((chunkStart - base) / CHUNK_SIZE), chunkStart);
  return [...result.events, ...result.recovered].find((event) => event.line === position)?.raw;
}

/** Windows XML Event Log (.evtx) reader. */
export const evtx: BinaryFormatPlugin = {
  kind: 'binary',
  id: 'evtx',
  label: 'Windows event log (.evtx)',
  detect: (head) => detectEvtx(head),
  parse: parseEvtx,
  recordText: recordXml,
};
