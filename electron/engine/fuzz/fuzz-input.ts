/**
 * What the fuzzer hands to a target and what it gets back: one input (bytes plus the facts a file
 * carries besides its bytes) and the failures found while reading it. Plain data, so that inputs
 * and failures cross worker boundaries and are saved as regression fixtures as they are.
 */
import type { ParseOptions } from '../formats/format';

/** One fuzz input for one target (a format id, 'decoder' or 'detect'). */
export interface FuzzInput {
  target: string;
  bytes: Uint8Array;
  /** The name the file is read under (the .evt reader takes its channel from it). */
  fileName: string;
  /** The file's modification time: years for RFC 3164 syslog are inferred from it. */
  modifiedTime: number;
  /** What a user could state about the file (time zone, day-first dates). */
  options: ParseOptions;
}

/**
 * How an input failed. `exception`: something threw that should have been handled; `invariant`:
 * the output broke a promise the app makes (accounting, types); `timeout` and `out-of-memory`: the
 * worker reading it had to be stopped; `worker-crash`: the worker died some other way.
 */
export type FailureKind = 'exception' | 'invariant' | 'timeout' | 'out-of-memory' | 'worker-crash';

export interface FuzzFailure {
  kind: FailureKind;
  /** A stable name for what went wrong ('lost-lines', 'time-out-of-range', 'RangeError at parseX'). */
  code: string;
  /** The details, for a person: the numbers, the offending value, a stack excerpt. */
  message: string;
  /** How the input was read: 'forced:syslog', 'detected:text', 'decoder', 'detect'. */
  mode: string;
}

/** What reading one input produced, besides failures: for the per-target statistics. */
export interface InputOutcome {
  failures: FuzzFailure[];
  events: number;
  unparsed: number;
  damage: number;
}

/** The stable part of a failure, used to tell a finding seen before from a new one. */
export function failureSignature(target: string, failure: FuzzFailure): string {
  return `${target}|${failure.kind}|${failure.code}`;
}
