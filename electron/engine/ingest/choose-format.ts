/**
 * Picks a file's format from its first bytes: the one the user forced, else a binary format that
 * recognises the bytes, else the text format most confident about the decoded sample. Shared by
 * whole-file reads (read-source.ts) and live tailing (tail-reader.ts).
 */
import { detectEncoding, StreamDecoder, type EncodingGuess } from '../decode/decoder';
import type { BinaryFormatPlugin } from '../formats/binary-format';
import type { FormatPlugin, ParseContext } from '../formats/format';
import { detectBinaryFormat, detectFormat, formatById } from '../formats/registry';
import type { SourceDetection } from './ingest-item';
import { grouped } from './open-file';

export type FormatChoice =
  | { kind: 'binary'; plugin: BinaryFormatPlugin; detection: SourceDetection }
  | { kind: 'text'; plugin: FormatPlugin; detection: SourceDetection; guess: EncodingGuess }
  | { kind: 'unknown'; reason: string };

export function isBinary(plugin: FormatPlugin | BinaryFormatPlugin): plugin is BinaryFormatPlugin {
  return 'kind' in plugin && plugin.kind === 'binary';
}

export function chooseFormat(head: Uint8Array, context: ParseContext, forcedId: string | undefined, size: number): FormatChoice {
  const forced = forcedId ? formatById(forcedId) : undefined;
  if (forcedId && !forced) return { kind: 'unknown', reason: `no format called "${forcedId}"` };
  const binary = forced ? (isBinary(forced) ? forced : undefined) : detectBinaryFormat(head, context);
  if (binary) {
    const confidence = forced ? 1 : binary.detect(head, context);
    return { kind: 'binary', plugin: binary, detection: { format: binary.id, formatLabel: binary.label, confidence, encoding: 'binary', bytesTotal: size } };
  }
  // Only NUL bytes where a log would start: space allocated and never written (a sparse file, a
  // preallocated log), or a binary blob. Refused here, after one sample, rather than read as text:
  // a 20 GB sparse file would otherwise be "read" as one endless line of zeros. A format the user
  // chose is still read as asked.
  if (!forced && head.length > 0 && head.every((byte) => byte === 0)) {
    return { kind: 'unknown', reason: `not a log: it starts with ${grouped(head.length)} NUL bytes (never-written space, as in a sparse or preallocated file, or binary data) — none of its ${grouped(size)} bytes were loaded` };
  }
  const guess = detectEncoding(head);
  const sample = new StreamDecoder(guess.encoding).decode(head.subarray(guess.bomLength));
  const plugin = (forced as FormatPlugin | undefined) ?? detectFormat(sample, context)?.plugin;
  if (!plugin) return { kind: 'unknown', reason: 'unknown format (no format plugin recognises its content)' };
  const confidence = forced ? 1 : plugin.detect(sample, context);
  return { kind: 'text', plugin, guess, detection: { format: plugin.id, formatLabel: plugin.label, confidence, encoding: guess.encoding, bytesTotal: size } };
}
