/**
 * Shrinks a failing input before it is saved as a regression fixture: delta debugging over its
 * bytes (remove a half, a quarter, … while the same failure still happens), within a budget of
 * attempts and time. Hangs and out-of-memory failures are not shrunk: every attempt could cost
 * the full time bound (a crash costs only a new worker thread).
 */
import { failureSignature, type FuzzFailure, type FuzzInput, type InputOutcome } from './fuzz-input';

export interface MinimizeBudget {
  attempts: number;
  milliseconds: number;
}

export const DEFAULT_MINIMIZE_BUDGET: MinimizeBudget = { attempts: 400, milliseconds: 20_000 };

function without(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(bytes.length - (to - from));
  out.set(bytes.subarray(0, from), 0);
  out.set(bytes.subarray(to), from);
  return out;
}

export async function minimize(
  input: FuzzInput,
  failure: FuzzFailure,
  run: (input: FuzzInput) => Promise<InputOutcome>,
  budget: MinimizeBudget = DEFAULT_MINIMIZE_BUDGET,
): Promise<FuzzInput> {
  if (failure.kind === 'timeout' || failure.kind === 'out-of-memory') return input;
  const wanted = failureSignature(input.target, failure);
  const deadline = Date.now() + budget.milliseconds;
  let attempts = 0;
  const stillFails = async (bytes: Uint8Array): Promise<boolean> => {
    attempts++;
    const outcome = await run({ ...input, bytes });
    return outcome.failures.some((found) => failureSignature(input.target, found) === wanted);
  };
  let bytes = input.bytes;
  let pieces = 2;
  while (bytes.length > 1 && attempts < budget.attempts && Date.now() < deadline) {
    const size = Math.ceil(bytes.length / pieces);
    let removed = false;
    for (let from = 0; from < bytes.length && attempts < budget.attempts && Date.now() < deadline; from += size) {
      const candidate = without(bytes, from, Math.min(bytes.length, from + size));
      if (await stillFails(candidate)) {
        bytes = candidate;
        pieces = Math.max(pieces - 1, 2);
        removed = true;
        break;
      }
    }
    if (removed) continue;
    if (size <= 1) break;
    pieces = Math.min(pieces * 2, bytes.length);
  }
  return { ...input, bytes: bytes.slice() };
}
