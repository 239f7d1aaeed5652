import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from './evtx-test-support';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURES = join(ROOT, 'fixtures', 'logs', 'evtx');

/** Security.evtx's chunks repeated: record ids repeat across copies, as in a spliced file. */
function repeatedChunks(file: Uint8Array, copies: number): Uint8Array {
  const header = file.subarray(0, 4096);
  const chunks = file.subarray(4096, 4096 + Math.floor((file.length - 4096) / 0x10000) * 0x10000);
  const out = new Uint8Array(4096 + chunks.length * copies);
  out.set(header, 0);
  for (let n = 0; n < copies; n++) out.set(chunks, 4096 + n * chunks.length);
  return out;
}

describe('chunks parsed on helper threads (units)', () => {
  const files = [
    'omerbenamram_mta_test.evtx',
    'omerbenamram_sample_with_a_bad_chunk_magic.evtx',
    'omerbenamram_MSExchange_Management_wec.evtx',
  ];
  for (const name of files) {
    it(`give the same events, in the same order, and the same damage as one thread: ${name}`, async () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
      const here = await parseBytes(bytes, { fileName: name });
      const helpers = await parseBytes(bytes, { fileName: name }, { units: true });
      expect(helpers.events.length).toBeGreaterThan(0);
      expect(helpers.events).toEqual(here.events);
      // Damage in the same order too: what the reader skips itself waits for the units before it.
      expect(helpers.damage).toEqual(here.damage);
    });
  }

  it('keep file order and slack-space deduplication when record ids repeat across copies', async () => {
    const bytes = repeatedChunks(new Uint8Array(readFileSync(join(FIXTURES, 'omerbenamram_sample_with_a_bad_chunk_magic.evtx'))), 5);
    const here = await parseBytes(bytes);
    const helpers = await parseBytes(bytes, {}, { units: true });
    expect(helpers.events.map((event) => event.line)).toEqual(here.events.map((event) => event.line));
    expect(helpers.damage).toEqual(here.damage);
  });
});
