/**
 * Reads one fuzz input through the ingest pipeline exactly as a worker would (readSource: decode →
 * detect → parse), once with the target's format forced and once more with the format detected
 * when detection picks another one, and checks what came out: every entry well-typed and
 * loadable, and the accounting the app promises — for text, every non-blank line in an entry, an
 * unparsed row or a reported header; for binary logs, every skipped region reported inside the file.
 */
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectEncoding, StreamDecoder } from '../decode/decoder';
import { chooseFormat } from '../ingest/choose-format';
import type { SourceReadReport } from '../ingest/ingest-item';
import { readRecordText } from '../ingest/read-record-text';
import { readSource, sourceContext } from '../ingest/read-source';
import type { FormatPlugin, ParseContext } from '../formats/format';
import { formatById } from '../formats/registry';
import { digestsInPieces, firstDifference, itemDigest } from './chunking';
import { errorCode, errorMessage } from './describe-error';
import type { FuzzFailure, FuzzInput, InputOutcome } from './fuzz-input';
import { hiddenException, itemViolations, type Violation } from './output-invariants';
import { unitsViolations } from './run-units';

/** Reads are of 64 KiB samples (as read-source.ts takes them). */
const SAMPLE_BYTES = 64 * 1024;

/** Writes the input where readSource can open it, with the input's modification time. */
export function writeInputFile(input: FuzzInput, dir: string): string {
  // The name only matters to the .evt reader's channel guess; keep it a plain file name.
  const safeName = input.fileName.replace(/[^\w.-]/g, '_') || 'input';
  const path = join(dir, safeName);
  writeFileSync(path, input.bytes);
  const seconds = input.modifiedTime / 1000;
  utimesSync(path, seconds, seconds);
  return path;
}

export async function runFormatInput(input: FuzzInput, dir: string): Promise<InputOutcome> {
  const path = writeInputFile(input, dir);
  const outcome: InputOutcome = { failures: [], events: 0, unparsed: 0, damage: 0 };
  await readAndCheck(input, path, input.target, `forced:${input.target}`, outcome);

  let detected: string | undefined;
  try {
    const context = sourceContext(path, input.modifiedTime, input.options);
    const choice = chooseFormat(input.bytes.subarray(0, SAMPLE_BYTES), context, undefined, input.bytes.length);
    detected = choice.kind === 'unknown' ? undefined : choice.plugin.id;
  } catch (error) {
    outcome.failures.push({ kind: 'exception', code: errorCode(error), message: errorMessage(error), mode: 'detect' });
  }
  // Unknown content is reported to the user with its reason, which is the promised behaviour.
  if (detected !== undefined && detected !== input.target) await readAndCheck(input, path, undefined, `detected:${detected}`, outcome);
  return outcome;
}

/**
 * Entries are checked batch by batch as they arrive and then dropped, so the harness holds no
 * more than the pipeline does: a huge input must run out of memory in the parser or not at all.
 */
async function readAndCheck(input: FuzzInput, path: string, format: string | undefined, mode: string, outcome: InputOutcome): Promise<void> {
  // The first violation of each kind: a thousand entries with the same fault are one finding.
  const violations = new Map<string, Violation>();
  const note = (found: readonly Violation[]): void => {
    for (const violation of found) if (!violations.has(violation.code)) violations.set(violation.code, violation);
  };
  let binary = false;
  let lineRange = { min: 0, max: 0 };
  let events = 0;
  let unparsed = 0;
  let lastLine = 0;
  const recordPositions: number[] = [];
  const digests: number[] = [];
  let report: SourceReadReport;
  try {
    report = await readSource(path, { ...input.options, format }, {
      detected: (detection) => {
        binary = detection.encoding === 'binary';
        lineRange = binary ? { min: 0, max: Math.max(0, input.bytes.length - 1) } : { min: 1, max: physicalLines(input) };
      },
      progress: () => undefined,
      batch: (batch) => {
        for (const item of batch) {
          if (item.kind === 'event') events++;
          else unparsed++;
          if (binary && item.kind === 'event' && recordPositions.length < RECORD_TEXTS_CHECKED) recordPositions.push(item.event.line);
          if (format !== undefined) digests.push(itemDigest(item));
          note(itemViolations(item, lineRange));
          // Text entries arrive in file order (the sink's promise; a ring-buffered .evt has its own).
          const line = item.kind === 'event' ? item.event.line : item.row.line;
          if (!binary && line < lastLine) note([{ code: 'entries-out-of-order', message: `an entry at line ${line} follows one at line ${lastLine}` }]);
          lastLine = Math.max(lastLine, line);
        }
      },
    });
  } catch (error) {
    outcome.failures.push({ kind: 'exception', code: errorCode(error), message: errorMessage(error), mode });
    return;
  }
  note(report.encoding === 'binary' ? binaryViolations(report, input.bytes.length) : textViolations(report, input));
  note(countViolations(report, events, unparsed, input.bytes.length));
  if (binary) note(await recordTextViolations(path, report.format, recordPositions));
  // An empty file is answered before any plugin sees it (read-source.ts): nothing to compare.
  if (format !== undefined && input.bytes.length > 0) {
    const plugin = formatById(format);
    const context = sourceContext(path, statSync(path).mtimeMs, input.options);
    if (plugin && 'kind' in plugin) note(await unitsViolations(plugin, input.bytes, context, digests, report.damage));
    else if (plugin) note(await chunkingViolations(input, plugin, context, digests, report.skippedLines));
  }
  if (mode.startsWith('forced:')) {
    outcome.events += report.events;
    outcome.unparsed += report.unparsed;
    outcome.damage += report.damage.length;
  }
  for (const violation of violations.values()) outcome.failures.push(toFailure(violation, mode));
}

function toFailure(violation: Violation, mode: string): FuzzFailure {
  return { kind: 'invariant', code: violation.code, message: violation.message, mode };
}

/** The same text in small pieces must give the same entries (see chunking.ts). */
async function chunkingViolations(input: FuzzInput, plugin: FormatPlugin, context: ParseContext, digests: readonly number[], skipped: number): Promise<Violation[]> {
  const guess = detectEncoding(input.bytes.subarray(0, SAMPLE_BYTES));
  const decoder = new StreamDecoder(guess.encoding);
  const text = decoder.decode(input.bytes.subarray(guess.bomLength)) + decoder.end();
  let pieces: { digests: number[]; skipped: number };
  try {
    pieces = await digestsInPieces(plugin, text, context);
  } catch (error) {
    return [{ code: `chunked-throws: ${errorCode(error)}`, message: errorMessage(error) }];
  }
  const at = firstDifference(digests, pieces.digests);
  if (at >= 0) {
    return [{ code: 'chunking-changes-output', message: `in small pieces entry ${at} differs (${pieces.digests.length} entries, ${digests.length} when read whole)` }];
  }
  if (pieces.skipped !== skipped) return [{ code: 'chunking-changes-output', message: `in small pieces ${pieces.skipped} lines skipped, ${skipped} when read whole` }];
  return [];
}

/** Entries of a binary log whose full text (the detail view's) is rendered again from the file. */
const RECORD_TEXTS_CHECKED = 20;

/**
 * The detail view renders a record's text on demand (.evtx XML is not kept at ingest): for every
 * event it must find the record again and render it, without throwing.
 */
async function recordTextViolations(path: string, format: string, positions: readonly number[]): Promise<Violation[]> {
  for (const position of positions) {
    let text: string | undefined;
    try {
      text = await readRecordText(path, format, position);
    } catch (error) {
      return [{ code: `record-text-throws: ${errorCode(error)}`, message: `record at ${position}: ${errorMessage(error)}` }];
    }
    // Formats without on-demand text answer undefined for every record; that is not a loss.
    if (text === undefined && !hasRecordText(format)) return [];
    if (typeof text !== 'string' || text === '') return [{ code: 'record-text-missing', message: `no text for the record at ${position}` }];
  }
  return [];
}

function hasRecordText(format: string): boolean {
  const plugin = formatById(format);
  return plugin !== undefined && 'recordText' in plugin && plugin.recordText !== undefined;
}

/** The report agrees with what was delivered, and the whole file was read. */
function countViolations(report: SourceReadReport, events: number, unparsed: number, size: number): Violation[] {
  const found: Violation[] = [];
  if (report.bytesRead !== size) found.push({ code: 'bytes-not-read', message: `read ${report.bytesRead} of ${size} bytes` });
  if (report.events !== events || report.unparsed !== unparsed) {
    found.push({ code: 'count-mismatch', message: `report says ${report.events} events and ${report.unparsed} unparsed, ${events} and ${unparsed} delivered` });
  }
  return found;
}

/** Text: lines = lines in entries + reported headers (lostLines 0), as `logsift parse --stats` reports. */
function textViolations(report: SourceReadReport, input: FuzzInput): Violation[] {
  const found: Violation[] = [];
  if (report.lostLines !== 0) {
    found.push({
      code: report.lostLines > 0 ? 'lost-lines' : 'lines-counted-twice',
      message: `${report.lines} non-blank lines, ${report.entryLines} in entries, ${report.skippedLines} skipped: lostLines ${report.lostLines}`,
    });
  }
  if (report.replacedBytes < 0 || report.replacedBytes > input.bytes.length) {
    found.push({ code: 'replaced-count', message: `replacedBytes ${report.replacedBytes} for ${input.bytes.length} bytes` });
  }
  return found;
}

/**
 * Binary: every damaged region is reported with a reason and starts inside the file; it may run
 * past the end only as a region of a ring buffer (.evt) does, wrapping round, so never longer
 * than the file.
 */
function binaryViolations(report: SourceReadReport, size: number): Violation[] {
  const found: Violation[] = [];
  for (const damage of report.damage) {
    const { offset, length, reason } = damage;
    // The reader's own "N more regions not listed" summary has no place in the file.
    if (length === 0 && offset === 0 && /more damaged regions/.test(reason)) continue;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset > size || length > size) {
      found.push({ code: 'damage-outside-file', message: `damage at ${offset} (+${length}) in a ${size}-byte file: ${reason}` });
    }
    if (typeof reason !== 'string' || reason.trim() === '') found.push({ code: 'damage-without-reason', message: `damage at ${offset}` });
    const hidden = typeof reason === 'string' ? hiddenException(reason) : undefined;
    if (hidden) found.push(hidden);
  }
  if (report.damagedBytes > size) found.push({ code: 'damage-exceeds-file', message: `${report.damagedBytes} damaged bytes in a ${size}-byte file` });
  return found;
}

/**
 * Physical lines in the decoded text (what line numbers may reach), decoded as the pipeline does,
 * a megabyte at a time and counted as lines.ts splits them (CRLF, LF or a lone CR).
 */
function physicalLines(input: FuzzInput): number {
  const guess = detectEncoding(input.bytes.subarray(0, SAMPLE_BYTES));
  const decoder = new StreamDecoder(guess.encoding);
  let breaks = 0;
  let afterCr = false;
  const count = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 && afterCr) afterCr = false;
      else if (c === 10 || c === 13) {
        breaks++;
        afterCr = c === 13;
      } else afterCr = false;
    }
  };
  for (let at = guess.bomLength; at < input.bytes.length; at += 1 << 20) count(decoder.decode(input.bytes.subarray(at, at + (1 << 20))));
  count(decoder.end());
  return breaks + 1;
}
