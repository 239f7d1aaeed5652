/**
 * Chunk independence: the pipeline hands a text parser its file in 1 MiB pieces and live tailing
 * in whatever pieces were appended, so what a parser makes of a file must not depend on where
 * the pieces were cut — a line, a quoted field, an XML element or a CRLF may be split anywhere.
 * Fuzz inputs are smaller than one read, so the pipeline alone never cuts them: here the decoded
 * text is cut into small pieces (from 1 character up) and the entries compared with the
 * pipeline's, entry by entry, by digest.
 */
import type { FormatPlugin, ParseContext } from '../formats/format';
import type { IngestItem } from '../ingest/ingest-item';

/** A 32-bit FNV-1a digest of an entry as the pipeline delivered it. */
export function itemDigest(item: IngestItem): number {
  const text = JSON.stringify(item.kind === 'event' ? item.event : item.row);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Piece sizes from the text itself, so that the same input is always cut the same way. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let seed = text.length * 2654435761;
  for (let at = 0; at < text.length; ) {
    seed = (Math.imul(seed ^ (seed >>> 13), 0x5bd1e995) + text.charCodeAt(at)) >>> 0;
    // Mostly tiny pieces (every boundary case), sometimes larger ones.
    const size = seed % 8 === 0 ? 1 + (seed % 4096) : 1 + (seed % 7);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

/** What `plugin` makes of `text` handed over in small pieces: entry digests and skipped lines. */
export async function digestsInPieces(plugin: FormatPlugin, text: string, context: ParseContext): Promise<{ digests: number[]; skipped: number }> {
  const digests: number[] = [];
  let skipped = 0;
  async function* chunks(): AsyncGenerator<string> {
    yield* pieces(text);
  }
  await plugin.parse(
    chunks(),
    {
      event: (event) => digests.push(itemDigest({ kind: 'event', event })),
      unparsed: (row) => digests.push(itemDigest({ kind: 'unparsed', row })),
      skipped: (lines) => (skipped += lines),
    },
    context,
  );
  return { digests, skipped };
}

/** Where two digest lists first differ, or -1 when they are the same. */
export function firstDifference(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}
