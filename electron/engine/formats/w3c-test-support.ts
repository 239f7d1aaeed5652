/**
 * Test support for the W3C plugin's unit tests: runs the parser over a string cut into small chunks
 * and checks the "nothing lost" accounting on the way.
 */
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import { countNonBlankLines } from '../ingest/line-accounting';
import type { ParseContext, ParseOptions } from './format';
import { w3cExtended } from './w3c';

/** A parse context as the pipeline builds it, with the given user options. */
export function w3cTestContext(options: ParseOptions = {}): ParseContext {
  return { fileName: 'u_ex250314.log', modifiedTime: Date.UTC(2025, 2, 14), options };
}

/** What the parser reported for one text. */
export interface ParsedW3c {
  events: ParsedEvent[];
  unparsed: UnparsedRow[];
  skipped: number;
}

/** Parses `text` cut into chunks of `chunkSize` characters; throws if a non-blank line was not accounted for. */
export async function parseW3c(text: string, options: ParseOptions = {}, chunkSize = 7): Promise<ParsedW3c> {
  const result: ParsedW3c = { events: [], unparsed: [], skipped: 0 };
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  await w3cExtended.parse(
    chunks(),
    {
      event: (event) => result.events.push(event),
      unparsed: (row) => result.unparsed.push(row),
      skipped: (lines) => (result.skipped += lines),
    },
    w3cTestContext(options),
  );
  const accounted =
    result.skipped + [...result.events, ...result.unparsed].reduce((sum, entry) => sum + countNonBlankLines(entry.raw), 0);
  const expected = countNonBlankLines(text);
  if (accounted !== expected) throw new Error(`accounted for ${accounted} of ${expected} non-blank lines`);
  return result;
}
