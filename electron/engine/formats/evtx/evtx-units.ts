/**
 * .evtx chunks on helper threads: a unit is a run of consecutive chunks (each 64 KiB, parsed on
 * its own by parseChunk). The helper keeps the chunks' events; what comes back to the reading
 * thread is per chunk what it needs to finish the file: damage, the record index that decides
 * which slack-space records are duplicates, and those slack-space records themselves.
 */
import type { ParsedEvent } from '../../../../shared/model/log-event';
import type { DamageReport, UnitParser } from '../binary-format';
import type { ParseContext } from '../format';
import { loadLocaleMetaData } from '../messages/locale-metadata';
import type { MessageCatalog } from '../messages/render';
import { parseChunk } from './evtx-chunk';
import { chunkIndex, type ChunkIndex } from './evtx-slack';

export interface ChunkInput {
  bytes: Uint8Array;
  chunkNumber: number;
  /** Where the chunk starts in the file. */
  offset: number;
}

export interface ChunkGroupInput {
  chunks: ChunkInput[];
}

export interface ChunkSummary {
  chunkNumber: number;
  damage: DamageReport[];
  index: ChunkIndex | undefined;
  recovered: ParsedEvent[];
  slackOffset: number;
}

/** The message catalog saved beside the log (LocaleMetaData), if any. */
export async function catalogFor(context: ParseContext): Promise<MessageCatalog | undefined> {
  try {
    return await loadLocaleMetaData(context, context.fileName);
  } catch {
    // Messages are a nicety: without them the insertion strings are shown.
    return undefined;
  }
}

/**
 * Parses one chunk and reports it. `raw` is left empty: the record's XML is rendered again on
 * demand for the detail view (recordText), as rendering and storing it for every record cost
 * several times the parsing itself.
 */
export function parseChunkForFile(chunk: ChunkInput, catalog: MessageCatalog | undefined): { events: ParsedEvent[]; summary: ChunkSummary } {
  const { bytes, chunkNumber, offset } = chunk;
  try {
    const result = parseChunk(bytes, chunkNumber, offset, { catalog, xml: false });
    const events = result.events;
    return {
      events,
      summary: { chunkNumber, damage: result.damage, index: chunkIndex(events), recovered: result.recovered, slackOffset: result.slackOffset },
    };
  } catch (error) {
    // parseChunk reports damage itself; this is the last resort so that one chunk never ends the file.
    const reason = `chunk ${chunkNumber}: could not be read (${error instanceof Error ? error.message : String(error)}), skipped`;
    return { events: [], summary: { chunkNumber, damage: [{ offset, length: bytes.length, reason }], index: undefined, recovered: [], slackOffset: offset + bytes.length } };
  }
}

export const evtxUnits: UnitParser<ChunkGroupInput, ChunkSummary[]> = {
  async prepare(context) {
    const catalog = await catalogFor(context);
    return {
      parse(input, emit) {
        const summary: ChunkSummary[] = [];
        for (const chunk of input.chunks) {
          const result = parseChunkForFile(chunk, catalog);
          emit(result.events);
          summary.push(result.summary);
        }
        return summary;
      },
    };
  },
};
