import { describe, expect, it } from 'vitest';
import type { FormatPlugin } from '../formats/format';
import { plainText } from '../formats/plain-text';
import { digestsInPieces, firstDifference, itemDigest } from './chunking';

const context = { fileName: 'x.log', modifiedTime: 0, options: {} };

/** A parser that (wrongly) makes one entry per chunk it is given. */
const perChunk: FormatPlugin = {
  id: 'per-chunk',
  label: 'per chunk',
  detect: () => 0,
  async parse(chunks, sink) {
    let line = 1;
    for await (const chunk of chunks) sink.event({ time: null, level: 'unknown', provider: null, eventId: null, category: null, computer: null, user: null, channel: null, recordId: null, message: chunk, data: null, raw: chunk, line: line++ });
  },
};

describe('chunk independence check', () => {
  it('finds no difference for a parser that does not depend on the pieces', async () => {
    const text = '2025-01-01 10:00:00 a\n  continued\r\n2025-01-01 10:00:01 b\r';
    const whole = await digestsInPieces(plainText, text, context);
    const events: number[] = [];
    await plainText.parse((async function* () { yield text; })(), { event: (event) => events.push(itemDigest({ kind: 'event', event })), unparsed: () => undefined, skipped: () => undefined }, context);
    expect(firstDifference(events, whole.digests)).toBe(-1);
  });

  it('tells where a chunk-dependent parser first differs', async () => {
    const pieces = await digestsInPieces(perChunk, 'a longer line of text\n', context);
    expect(pieces.digests.length).toBeGreaterThan(1);
    expect(firstDifference([itemDigest({ kind: 'unparsed', row: { raw: 'x', line: 1, reason: 'r' } })], pieces.digests)).toBe(0);
  });
});
