/**
 * Every saved fuzz finding (findings/index.json) read again through the fuzz harness — the same
 * worker, time bound, heap limit and checks as `npm run fuzz` — must now pass: each one is the
 * regression test of the fix it led to.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingInput, loadIndex } from './findings';
import { useFuzzRunner } from './fuzz-test-support';

const FINDINGS = join(__dirname, 'findings');

describe('fuzz findings replay', () => {
  const runner = useFuzzRunner();

  for (const entry of loadIndex(FINDINGS)) {
    it(`${entry.file}: ${entry.kind} ${entry.code} (${entry.mode})`, async () => {
      const outcome = await runner().run(findingInput(FINDINGS, entry));
      expect(outcome.failures).toEqual([]);
    });
  }
});
