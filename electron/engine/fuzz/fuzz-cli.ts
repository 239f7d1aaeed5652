/**
 * `npm run fuzz -- --seconds N [--parser NAME] [--seed S] [--no-save]`: fuzzes every format
 * parser, the decoder and detection (or the named ones) for N seconds on a worker thread, prints
 * per target the inputs tried and the findings (new / known), then one JSON summary line; exits 1
 * when there are new findings, which are saved (shrunk) to electron/engine/fuzz/findings/.
 *
 * Run through build/fuzz.mjs, which bundles this file and the worker and passes --root and --worker.
 */
import { join } from 'node:path';
import { allTargets } from './fuzz-targets';
import { loadIndex, openSignatures } from './findings';
import { runSession, type SessionReport } from './fuzz-session';
import { DEFAULT_LIMITS, InputRunner } from './input-runner';
import { SeedCorpus } from './seed-corpus';

const USAGE = 'usage: npm run fuzz -- [--seconds N] [--parser NAME[,NAME]]... [--seed S] [--timeout MS] [--no-save]';

interface CliOptions {
  seconds: number;
  parsers: string[];
  seed: number;
  timeoutMs: number;
  save: boolean;
  root: string;
  worker: string;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { seconds: 60, parsers: [], seed: Date.now() % 2 ** 31, timeoutMs: DEFAULT_LIMITS.timeoutMs, save: true, root: '', worker: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const number = (): number => {
      const parsed = Number(value());
      if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${arg} needs a number`);
      return parsed;
    };
    if (arg === '--seconds') options.seconds = number();
    else if (arg === '--parser') options.parsers.push(...value().split(','));
    else if (arg === '--seed') options.seed = Math.trunc(number());
    else if (arg === '--timeout') options.timeoutMs = number();
    else if (arg === '--no-save') options.save = false;
    else if (arg === '--root') options.root = value();
    else if (arg === '--worker') options.worker = value();
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.root || !options.worker) throw new Error('run through build/fuzz.mjs (npm run fuzz), which passes --root and --worker');
  return options;
}

function printReport(report: SessionReport, write: (line: string) => void): void {
  const width = Math.max(...Object.keys(report.targets).map((name) => name.length));
  for (const [name, stats] of Object.entries(report.targets)) {
    write(
      `${name.padEnd(width)}  inputs ${String(stats.inputs).padStart(6)} in ${(stats.milliseconds / 1000).toFixed(1)} s (generated ${stats.generated}, mutated ${stats.mutated})` +
        `  findings ${stats.newFindings} new / ${stats.knownFindings} known` +
        `  [events ${stats.events}, unparsed ${stats.unparsed}, damage reports ${stats.damage}${stats.slowInputs ? `, slow ${stats.slowInputs}` : ''}]`,
    );
  }
  const summary = {
    seed: report.seed,
    seconds: report.seconds,
    inputs: Object.values(report.targets).reduce((sum, stats) => sum + stats.inputs, 0),
    newFindings: report.newFindings.length,
    knownFindings: Object.values(report.targets).reduce((sum, stats) => sum + stats.knownFindings, 0),
    targets: Object.fromEntries(Object.entries(report.targets).map(([name, stats]) => [name, { inputs: stats.inputs, new: stats.newFindings, known: stats.knownFindings }])),
    new: report.newFindings.map(({ target, failure, saved }) => ({ target, kind: failure.kind, code: failure.code, mode: failure.mode, file: saved?.file ?? null })),
  };
  write(JSON.stringify({ fuzz: summary }));
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const every = allTargets();
  const unknown = options.parsers.filter((name) => !every.some((target) => target.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`fuzz: no target called ${unknown.join(', ')}; targets: ${every.map((target) => target.name).join(', ')}\n`);
    return 2;
  }
  const targets = options.parsers.length > 0 ? every.filter((target) => options.parsers.includes(target.name)) : every;
  const findingsDir = join(options.root, 'electron', 'engine', 'fuzz', 'findings');
  const corpus = new SeedCorpus(join(options.root, 'fixtures', 'logs'), join(options.root, '..', 'shared', 'samples'));
  const runner = new InputRunner(options.worker, { ...DEFAULT_LIMITS, timeoutMs: options.timeoutMs });
  process.stderr.write(`fuzz: ${targets.length} targets for ${options.seconds} s, seed ${options.seed} (repeat with --seed ${options.seed})\n`);
  try {
    const known = await openSignatures(findingsDir, (input) => runner.run(input));
    process.stderr.write(`fuzz: ${loadIndex(findingsDir).length} saved findings read again, ${known.size} failure signatures still open\n`);
    const report = await runSession({
      targets,
      seed: options.seed,
      corpus,
      runner,
      seconds: options.seconds,
      known,
      findingsDir: options.save ? findingsDir : undefined,
      log: (line) => process.stderr.write(`fuzz: ${line}\n`),
    });
    printReport(report, (line) => process.stdout.write(`${line}\n`));
    return report.newFindings.length > 0 ? 1 : 0;
  } finally {
    await runner.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
