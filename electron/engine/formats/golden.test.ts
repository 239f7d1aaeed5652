/**
 * Golden tests: every committed fixture is parsed through the real ingest pipeline and compared
 * with its `.expected.jsonl`. Run with UPDATE_GOLDEN=1 to rewrite the expectations after a
 * deliberate change, then read the diff. GOLDEN_ONLY=<folder>[,<folder>] limits both.
 */
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource } from '../ingest/read-source';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'logs');

/** GOLDEN_ONLY=syslog,w3c limits the run (and any UPDATE_GOLDEN rewrite) to those folders. */
const ONLY = process.env.GOLDEN_ONLY?.split(',').filter(Boolean);

function fixtureFiles(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && (!ONLY || ONLY.includes(entry.name)))
    .flatMap((dir) =>
      readdirSync(join(FIXTURES, dir.name))
        // Golden output, notices and the scripts that derive fixtures are not fixtures themselves.
        .filter((name) => !/\.(expected\.jsonl|md|mjs)$/.test(name))
        .map((name) => join(FIXTURES, dir.name, name)),
    );
}

/**
 * Formats without a year (RFC 3164 syslog) take it from the file's modification time, which a
 * checkout sets to "now": pin it so golden output does not drift with the calendar.
 */
const FIXED_MODIFIED_TIME = new Date('2026-12-31T00:00:00Z');

async function parseToLines(file: string): Promise<string[]> {
  utimesSync(file, FIXED_MODIFIED_TIME, FIXED_MODIFIED_TIME);
  const lines: string[] = [];
  const report = await readSource(file, {}, {
    detected: () => undefined,
    progress: () => undefined,
    batch: (items) => {
      for (const item of items) lines.push(JSON.stringify(item.kind === 'event' ? item.event : { unparsed: item.row }));
    },
  });
  const { bytesRead, bytesTotal, events, unparsed, format, encoding, replacedBytes, lines: lineCount, skippedLines, lostLines } = report;
  lines.unshift(
    JSON.stringify({ format, encoding, bytesTotal, bytesRead, events, unparsed, replacedBytes, lines: lineCount, skippedLines, lostLines }),
  );
  return lines;
}

describe('golden output for every fixture', () => {
  for (const file of fixtureFiles()) {
    it(relative(FIXTURES, file), async () => {
      const actual = await parseToLines(file);
      const expectedFile = `${file}.expected.jsonl`;
      if (process.env.UPDATE_GOLDEN || !existsSync(expectedFile)) {
        if (!process.env.UPDATE_GOLDEN) throw new Error(`No golden file ${expectedFile}; run with UPDATE_GOLDEN=1 to create it`);
        writeFileSync(expectedFile, `${actual.join('\n')}\n`);
      }
      const expected = readFileSync(expectedFile, 'utf8').trimEnd().split('\n');
      expect(actual).toEqual(expected);
      // Accounting: every byte of the file was read and every non-blank line landed somewhere.
      const summary = JSON.parse(actual[0]!) as { bytesRead: number; bytesTotal: number; lostLines: number };
      expect(summary.bytesRead).toBe(summary.bytesTotal);
      expect(summary.lostLines).toBe(0);
    });
  }
});
