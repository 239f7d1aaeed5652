/** Test helpers for the JSON lines plugin: parse a string as the pipeline would, keeping everything reported. */
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { countNonBlankLines } from '../ingest/line-accounting';
import type { ParseOptions } from './format';
import { jsonLines } from './json-lines';

export interface ParseResult {
  events: ParsedEvent[];
  unparsed: UnparsedRow[];
  skipped: number;
  /** Non-blank input lines that ended up in no entry and were not reported skipped (must be 0). */
  lostLines: number;
}

/** Parses `text` fed in chunks of `chunkSize` characters (so lines are cut between chunks). */
export async function parseJsonLines(text: string, options: ParseOptions = {}, chunkSize = 7): Promise<ParseResult> {
  const result: ParseResult = { events: [], unparsed: [], skipped: 0, lostLines: 0 };
  async function* chunks(): AsyncGenerator<string> {
    for (let at = 0; at < text.length; at += chunkSize) yield text.slice(at, at + chunkSize);
  }
  await jsonLines.parse(
    chunks(),
    {
      event: (event) => result.events.push(event),
      unparsed: (row) => result.unparsed.push(row),
      skipped: (lines) => (result.skipped += lines),
    },
    { fileName: 'test.jsonl', modifiedTime: Date.UTC(2025, 0, 1), options },
  );
  const accounted = [...result.events, ...result.unparsed].reduce((sum, entry) => sum + countNonBlankLines(entry.raw), result.skipped);
  result.lostLines = countNonBlankLines(text) - accounted;
  return result;
}

/** Parses one JSON line and returns its event (failing the test when there is none). */
export async function parseOne(line: string, options: ParseOptions = {}): Promise<ParsedEvent> {
  const { events, unparsed } = await parseJsonLines(line, options, 4096);
  if (events.length !== 1) throw new Error(`expected one event, got ${events.length} (unparsed: ${unparsed.map((row) => row.reason).join('; ')})`);
  return events[0]!;
}
