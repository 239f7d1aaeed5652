/**
 * Reads a text format: decodes the file in streamed chunks, hands the text to the plugin, batches
 * what it reports, and checks the line accounting (every non-blank line accounted for).
 */
import { StreamDecoder, type EncodingGuess } from '../decode/decoder';
import type { FormatPlugin } from '../formats/format';
import type { IngestItem, SourceDetection, SourceReadReport } from './ingest-item';
import { countNonBlankLines, StreamingLineCounter } from './line-accounting';
import type { OpenedSource, ReadSourceSink } from './read-source';

const READ_CHUNK_BYTES = 1024 * 1024;
const BATCH_ITEMS = 2000;

export async function readTextSource(
  source: OpenedSource,
  plugin: FormatPlugin,
  detection: SourceDetection,
  guess: EncodingGuess,
  sink: ReadSourceSink,
): Promise<SourceReadReport> {
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

  // The stream reads until the file ends, not to the size it had when opened: a file that became
  // shorter meanwhile ends early (bytesRead says where), one still being written is read as it grows.
  const stream = source.handle.createReadStream({ start: guess.bomLength, highWaterMark: READ_CHUNK_BYTES, autoClose: false });
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
    source.context,
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
    damage: [],
    damagedBytes: 0,
    notes: [],
  };
}
