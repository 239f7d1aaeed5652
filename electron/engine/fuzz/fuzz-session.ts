/**
 * One fuzzing run: inputs for each target in turn (time-sliced, so every target gets its share
 * of a `--seconds` budget; or a fixed count per target, for the test suite), each read on the
 * worker thread, each failure classified as known (a saved finding that still fails has its
 * signature) or new —
 * new ones shrunk and saved as regression fixtures — and per-target statistics.
 */
import { failureSignature, type FuzzFailure } from './fuzz-input';
import type { FuzzTarget } from './fuzz-targets';
import { makeInput } from './fuzz-targets';
import { saveFinding, type FindingEntry } from './findings';
import type { InputRunner } from './input-runner';
import { minimize, type MinimizeBudget } from './minimize';
import type { SeedCorpus } from './seed-corpus';

export interface SessionOptions {
  targets: readonly FuzzTarget[];
  seed: number;
  corpus: SeedCorpus;
  runner: InputRunner;
  /** Stop after this long (the CLI's --seconds)… */
  seconds?: number;
  /** …or after this many inputs per target (the smoke test). */
  inputsPerTarget?: number;
  /** Signatures of saved findings not fixed yet: seen again, they count as known, not new. */
  known: ReadonlySet<string>;
  /** Where new findings are saved; undefined: only reported. */
  findingsDir?: string;
  minimizeBudget?: MinimizeBudget;
  log?: (line: string) => void;
}

export interface TargetStats {
  inputs: number;
  generated: number;
  mutated: number;
  events: number;
  unparsed: number;
  damage: number;
  /** Distinct failure signatures not seen before this run. */
  newFindings: number;
  /** Distinct failure signatures that match a saved finding. */
  knownFindings: number;
  /**
   * Inputs that took over SLOW_INPUT_MS, and hangs that did not happen again on a second try: not
   * findings (the machine may be busy), but each is logged for a look at superlinear parsing.
   */
  slowInputs: number;
  /** Time spent on this target's inputs (generation, reading, checks), in ms. */
  milliseconds: number;
}

export interface NewFinding {
  target: string;
  failure: FuzzFailure;
  origin: string;
  /** The saved fixture, when findings are saved. */
  saved?: FindingEntry;
}

export interface SessionReport {
  seed: number;
  seconds: number;
  targets: Record<string, TargetStats>;
  newFindings: NewFinding[];
}

/** Time each target gets before the next one's turn. */
const SLICE_MS = 500;
/** An input slower than this is logged (inputs are at most a few hundred KB: this is far off the norm). */
const SLOW_INPUT_MS = 2000;

function emptyStats(): TargetStats {
  return { inputs: 0, generated: 0, mutated: 0, events: 0, unparsed: 0, damage: 0, newFindings: 0, knownFindings: 0, slowInputs: 0, milliseconds: 0 };
}

export async function runSession(options: SessionOptions): Promise<SessionReport> {
  const { targets, runner, corpus, seed } = options;
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const report: SessionReport = { seed, seconds: 0, targets: {}, newFindings: [] };
  const seen = new Set<string>();
  const next = new Map<string, number>();
  for (const target of targets) report.targets[target.name] = emptyStats();

  const runOne = async (target: FuzzTarget): Promise<void> => {
    const began = Date.now();
    try {
      await fuzzOne(target);
    } finally {
      report.targets[target.name]!.milliseconds += Date.now() - began;
    }
  };

  const fuzzOne = async (target: FuzzTarget): Promise<void> => {
    const index = next.get(target.name) ?? 0;
    next.set(target.name, index + 1);
    const { input, origin } = makeInput(target, seed, index, corpus);
    const stats = report.targets[target.name]!;
    stats.inputs++;
    if (origin === 'generated') stats.generated++;
    else stats.mutated++;
    const began = Date.now();
    const outcome = await runner.run(input);
    const took = Date.now() - began;
    if (took > SLOW_INPUT_MS && outcome.failures.length === 0) {
      stats.slowInputs++;
      log(`${target.name}: input ${index} (${origin}, ${input.bytes.length} bytes) took ${took} ms (slow, not a finding; repeat with --seed ${seed})`);
    }
    stats.events += outcome.events;
    stats.unparsed += outcome.unparsed;
    stats.damage += outcome.damage;
    for (const failure of outcome.failures) {
      const signature = failureSignature(target.name, failure);
      if (seen.has(signature)) continue;
      if (failure.kind === 'timeout' && !(await runner.run(input)).failures.some((again) => again.kind === 'timeout')) {
        stats.slowInputs++;
        log(`${target.name}: input ${index} (${origin}) timed out once but not again; not counted`);
        continue;
      }
      seen.add(signature);
      if (options.known.has(signature)) {
        stats.knownFindings++;
        log(`${target.name}: known finding again: ${failure.kind} ${failure.code} (${failure.mode})`);
        continue;
      }
      stats.newFindings++;
      log(`${target.name}: NEW ${failure.kind} ${failure.code} (${failure.mode}) from input ${index} (${origin}, ${input.bytes.length} bytes): ${failure.message}`);
      const finding: NewFinding = { target: target.name, failure, origin };
      if (options.findingsDir) {
        const small = await minimize(input, failure, (candidate) => runner.run(candidate), options.minimizeBudget);
        finding.saved = saveFinding(options.findingsDir, small, failure, origin);
        log(`${target.name}: saved ${finding.saved.file} (${small.bytes.length} bytes)`);
      }
      report.newFindings.push(finding);
    }
  };

  if (options.inputsPerTarget !== undefined) {
    for (const target of targets) for (let i = 0; i < options.inputsPerTarget; i++) await runOne(target);
  } else {
    const deadline = started + (options.seconds ?? 60) * 1000;
    while (Date.now() < deadline) {
      for (const target of targets) {
        const sliceEnd = Math.min(deadline, Date.now() + SLICE_MS);
        do await runOne(target);
        while (Date.now() < sliceEnd);
        if (Date.now() >= deadline) break;
      }
    }
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}
