/** Runs one fuzz input on the current thread, by target: the decoder, detection, or a format. */
import type { FuzzInput, InputOutcome } from './fuzz-input';
import { runDecoderInput } from './run-decoder';
import { runDetectionInput } from './run-detection';
import { runFormatInput } from './run-format';

export const DECODER_TARGET = 'decoder';
export const DETECT_TARGET = 'detect';

/** `dir` is a private folder the input may be written to. */
export async function runInput(input: FuzzInput, dir: string): Promise<InputOutcome> {
  if (input.target === DECODER_TARGET) return runDecoderInput(input);
  if (input.target === DETECT_TARGET) return runDetectionInput(input);
  return runFormatInput(input, dir);
}
