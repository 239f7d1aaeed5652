/**
 * The fuzzer as a smoke test in `npm test`: a fixed number of inputs per target (generated and
 * mutated, from a fixed seed, so the run is the same every time) through the same harness as
 * `npm run fuzz` — worker thread, time bound, heap limit, every invariant. Any failure fails the
 * test with what `npm run fuzz` would have reported. No timing is asserted.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY_FORMATS, FORMATS } from '../formats/registry';
import { useFuzzRunner } from './fuzz-test-support';
import { runSession } from './fuzz-session';
import { allTargets } from './fuzz-targets';
import { SeedCorpus } from './seed-corpus';

const ROOT = join(__dirname, '..', '..', '..');
const INPUTS_PER_TARGET = 80;
const SEED = 20261126;

describe('fuzz smoke', () => {
  const runner = useFuzzRunner();

  it('has a target for every registered format, the decoder and detection', () => {
    const names = allTargets().map((target) => target.name);
    expect(names).toEqual(expect.arrayContaining([...FORMATS, ...BINARY_FORMATS].map((plugin) => plugin.id)));
    expect(names).toEqual(expect.arrayContaining(['decoder', 'detect']));
  });

  it(`reads ${INPUTS_PER_TARGET} inputs per target without a failure`, { timeout: 120_000 }, async () => {
    // Committed fixtures only: the shared samples are not there on every machine.
    const corpus = new SeedCorpus(join(ROOT, 'fixtures', 'logs'), undefined);
    const report = await runSession({ targets: allTargets(), seed: SEED, corpus, runner: runner(), inputsPerTarget: INPUTS_PER_TARGET, known: new Set() });
    for (const stats of Object.values(report.targets)) expect(stats.inputs).toBe(INPUTS_PER_TARGET);
    const failures = report.newFindings.map(({ target, failure }) => `${target}: ${failure.kind} ${failure.code} (${failure.mode}): ${failure.message}`);
    expect(failures).toEqual([]);
  });
});
