/**
 * The decoder as a fuzz target: the encoding guess for the file's first bytes, then the decoded
 * text and the count of replaced sequences, which must not depend on where the reads happened to
 * cut the bytes (a 1 MiB read boundary falls anywhere, mid-character included), must be
 * well-formed text (a lone surrogate from broken UTF-16 is replaced and counted like any invalid
 * sequence), and must leave valid UTF-8 exactly as it was.
 */
import { detectEncoding, StreamDecoder, type TextEncodingName } from '../decode/decoder';
import { errorCode, errorMessage } from './describe-error';
import type { FuzzInput, InputOutcome } from './fuzz-input';
import type { Violation } from './output-invariants';

const SAMPLE_BYTES = 64 * 1024;
const BOM_LENGTHS: Readonly<Record<TextEncodingName, readonly number[]>> = {
  'utf-8': [0, 3],
  'utf-16le': [0, 2],
  'utf-16be': [0, 2],
  'windows-1252': [0],
};

interface Decoded {
  text: string;
  replaced: number;
}

function decodeInPieces(bytes: Uint8Array, encoding: TextEncodingName, cuts: readonly number[]): Decoded {
  const decoder = new StreamDecoder(encoding);
  let text = '';
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(from, cut));
    from = cut;
  }
  text += decoder.end();
  return { text, replaced: decoder.replaced };
}

/**
 * Where to cut: every byte for small inputs (the harshest split), else cuts spread by a simple
 * hash of the bytes, so that the same input always splits the same way.
 */
function cutsFor(bytes: Uint8Array): number[][] {
  const splits: number[][] = [];
  if (bytes.length <= 4096) splits.push(Array.from({ length: Math.max(0, bytes.length - 1) }, (_, i) => i + 1));
  let hash = 2166136261;
  for (let i = 0; i < bytes.length; i += 97) hash = Math.imul(hash ^ bytes[i]!, 16777619) >>> 0;
  const cuts: number[] = [];
  for (let at = 1 + (hash % 7); at < bytes.length; at += 1 + ((hash >>> (at % 24)) % 1031)) cuts.push(at);
  splits.push(cuts);
  return splits;
}

/** True when the bytes hold a U+FFFD written as such: chunked counts may then differ by design. */
function holdsLiteralReplacement(bytes: Uint8Array, encoding: TextEncodingName): boolean {
  if (encoding === 'utf-8') {
    for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) return true;
    return false;
  }
  for (let i = 0; i + 1 < bytes.length; i++) if ((bytes[i] === 0xfd && bytes[i + 1] === 0xff) || (bytes[i] === 0xff && bytes[i + 1] === 0xfd)) return true;
  return false;
}

function decoderViolations(bytes: Uint8Array): Violation[] {
  const found: Violation[] = [];
  const guess = detectEncoding(bytes.subarray(0, SAMPLE_BYTES));
  if (!BOM_LENGTHS[guess.encoding].includes(guess.bomLength)) found.push({ code: 'bad-bom-length', message: `${guess.encoding} with a ${guess.bomLength}-byte BOM` });
  const body = bytes.subarray(guess.bomLength);
  const whole = decodeInPieces(body, guess.encoding, []);
  if (!whole.text.isWellFormed()) found.push({ code: 'decoded-lone-surrogate', message: `${guess.encoding} text holds a lone surrogate that was neither replaced nor counted` });
  if (whole.replaced < 0) found.push({ code: 'replaced-count', message: `replaced ${whole.replaced}` });
  for (const cuts of cutsFor(body)) {
    const pieces = decodeInPieces(body, guess.encoding, cuts);
    if (pieces.text !== whole.text) {
      const at = [...pieces.text].findIndex((c, i) => c !== [...whole.text][i]);
      found.push({ code: 'chunking-changes-text', message: `${guess.encoding}: ${cuts.length + 1} pieces decode differently from one (first difference at character ${at})` });
      break;
    }
    if (pieces.replaced !== whole.replaced && !holdsLiteralReplacement(body, guess.encoding)) {
      found.push({ code: 'chunking-changes-count', message: `${guess.encoding}: ${pieces.replaced} replaced in ${cuts.length + 1} pieces, ${whole.replaced} in one` });
      break;
    }
  }
  if (guess.encoding === 'utf-8') {
    let valid: string | undefined;
    try {
      valid = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      valid = undefined;
    }
    if (valid !== undefined && (valid !== whole.text || whole.replaced !== 0)) {
      found.push({ code: 'valid-utf8-changed', message: `valid UTF-8 decoded to different text or with ${whole.replaced} replacements` });
    }
  }
  return found;
}

export function runDecoderInput(input: FuzzInput): InputOutcome {
  const outcome: InputOutcome = { failures: [], events: 0, unparsed: 0, damage: 0 };
  try {
    for (const violation of decoderViolations(input.bytes)) outcome.failures.push({ kind: 'invariant', ...violation, mode: 'decoder' });
  } catch (error) {
    outcome.failures.push({ kind: 'exception', code: errorCode(error), message: errorMessage(error), mode: 'decoder' });
  }
  return outcome;
}
