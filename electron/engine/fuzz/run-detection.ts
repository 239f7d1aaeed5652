/**
 * Format detection as a fuzz target: every plugin rates the file's first 64 KiB (decoded as the
 * pipeline decodes it), and the choice the pipeline makes must be the most confident plugin.
 * Ratings are confidences: finite numbers from 0 to 1, never an exception.
 */
import { detectEncoding, StreamDecoder } from '../decode/decoder';
import { chooseFormat } from '../ingest/choose-format';
import { BINARY_FORMATS, FORMATS } from '../formats/registry';
import type { ParseContext } from '../formats/format';
import { errorCode, errorMessage } from './describe-error';
import type { FuzzInput, InputOutcome } from './fuzz-input';
import type { Violation } from './output-invariants';

const SAMPLE_BYTES = 64 * 1024;

function isConfidence(value: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

function detectionViolations(input: FuzzInput): Violation[] {
  const found: Violation[] = [];
  const head = input.bytes.subarray(0, SAMPLE_BYTES);
  const context: ParseContext = { fileName: input.fileName, modifiedTime: input.modifiedTime, options: input.options };
  let bestBinary = 0;
  for (const plugin of BINARY_FORMATS) {
    const confidence = plugin.detect(head, context);
    if (!isConfidence(confidence)) found.push({ code: `bad-confidence-${plugin.id}`, message: `${plugin.id} rates the bytes ${confidence}` });
    bestBinary = Math.max(bestBinary, confidence);
  }
  const guess = detectEncoding(head);
  const sample = new StreamDecoder(guess.encoding).decode(head.subarray(guess.bomLength));
  let bestText = 0;
  for (const plugin of FORMATS) {
    const confidence = plugin.detect(sample, context);
    if (!isConfidence(confidence)) found.push({ code: `bad-confidence-${plugin.id}`, message: `${plugin.id} rates the sample ${confidence}` });
    bestText = Math.max(bestText, confidence);
  }
  const choice = chooseFormat(head, context, undefined, input.bytes.length);
  const expected = bestBinary > 0 ? 'binary' : bestText > 0 ? 'text' : 'unknown';
  if (choice.kind !== expected) found.push({ code: 'choice-not-best', message: `chose ${choice.kind}, best rating says ${expected}` });
  else if (choice.kind !== 'unknown' && choice.detection.confidence !== (choice.kind === 'binary' ? bestBinary : bestText)) {
    found.push({ code: 'choice-not-best', message: `chose ${choice.plugin.id} at ${choice.detection.confidence}, best rating ${Math.max(bestBinary, bestText)}` });
  }
  return found;
}

export function runDetectionInput(input: FuzzInput): InputOutcome {
  const outcome: InputOutcome = { failures: [], events: 0, unparsed: 0, damage: 0 };
  try {
    for (const violation of detectionViolations(input)) outcome.failures.push({ kind: 'invariant', ...violation, mode: 'detect' });
  } catch (error) {
    outcome.failures.push({ kind: 'exception', code: errorCode(error), message: errorMessage(error), mode: 'detect' });
  }
  return outcome;
}
