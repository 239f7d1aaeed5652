/**
 * Findings as regression fixtures: each failing input is saved as `<target>-<hash>.bin` in the
 * findings folder, and `index.json` says for each what failed, how it was read (file name,
 * modification time, options) and — once fixed — a note on the cause. The replay test reads
 * every one back through the same harness and expects no failure.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failureSignature, type FuzzFailure, type FuzzInput, type InputOutcome } from './fuzz-input';

export interface FindingEntry {
  file: string;
  target: string;
  kind: FuzzFailure['kind'];
  code: string;
  mode: string;
  /** What the failure said when it was found. */
  message: string;
  fileName: string;
  modifiedTime: number;
  options: FuzzInput['options'];
  /** 'generated' or the seed file it was mutated from. */
  origin: string;
  /** The cause and the fix, written when it is fixed. */
  note?: string;
}

const INDEX = 'index.json';

export function loadIndex(dir: string): FindingEntry[] {
  const path = join(dir, INDEX);
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as { findings: FindingEntry[] }).findings;
}

function saveIndex(dir: string, entries: readonly FindingEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(join(dir, INDEX), `${JSON.stringify({ findings: sorted }, null, 2)}\n`);
}

/**
 * The signatures of saved findings that still fail when read again: a failure with one of them is
 * known (saved, awaiting its fix). A fixed finding's signature seen again is a regression, or a
 * new bug with the same symptom: new, and saved.
 */
export async function openSignatures(dir: string, run: (input: FuzzInput) => Promise<InputOutcome>): Promise<Set<string>> {
  const open = new Set<string>();
  for (const entry of loadIndex(dir)) {
    const outcome = await run(findingInput(dir, entry));
    for (const failure of outcome.failures) open.add(failureSignature(entry.target, failure));
  }
  return open;
}

/** The input a saved finding replays. */
export function findingInput(dir: string, entry: FindingEntry): FuzzInput {
  return {
    target: entry.target,
    bytes: new Uint8Array(readFileSync(join(dir, entry.file))),
    fileName: entry.fileName,
    modifiedTime: entry.modifiedTime,
    options: entry.options,
  };
}

/** Saves the input and adds it to the index; returns its entry. */
export function saveFinding(dir: string, input: FuzzInput, failure: FuzzFailure, origin: string): FindingEntry {
  const hash = createHash('sha256').update(input.bytes).digest('hex').slice(0, 10);
  const entry: FindingEntry = {
    file: `${input.target}-${hash}.bin`,
    target: input.target,
    kind: failure.kind,
    code: failure.code,
    mode: failure.mode,
    message: failure.message.slice(0, 500),
    fileName: input.fileName,
    modifiedTime: input.modifiedTime,
    options: input.options,
    origin,
  };
  writeFileSync(join(dir, entry.file), input.bytes);
  const entries = loadIndex(dir).filter((existing) => existing.file !== entry.file);
  saveIndex(dir, [...entries, entry]);
  return entry;
}
