/**
 * Test support: the committed fixtures as each format's detect() sees them (the first 64 KB,
 * decoded as the pipeline would), so every plugin can check it claims no other format's files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectEncoding, StreamDecoder } from '../decode/decoder';

export const FIXTURES_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'logs');

/** Golden output, notices and the scripts that derive fixtures are not fixtures (as in golden.test.ts). */
export function isFixtureFile(name: string): boolean {
  return !/\.(expected\.jsonl|md|mjs)$/.test(name);
}

export interface FixtureSample {
  file: string;
  sample: string;
}

/** Every text fixture outside `exceptFolder`, decoded; binary fixtures (.evtx, .evt) are left out. */
export function otherFormatsFixtures(exceptFolder: string): FixtureSample[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== exceptFolder && entry.name !== 'evtx' && entry.name !== 'evt')
    .flatMap((dir) =>
      readdirSync(join(FIXTURES_DIR, dir.name))
        .filter(isFixtureFile)
        .map((name) => join(FIXTURES_DIR, dir.name, name)),
    )
    .map((file) => {
      const head = readFileSync(file).subarray(0, 65536);
      const guess = detectEncoding(head);
      return { file, sample: new StreamDecoder(guess.encoding).decode(head.subarray(guess.bomLength)) };
    });
}
