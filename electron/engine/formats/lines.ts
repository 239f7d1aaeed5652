/**
 * Splits decoded text chunks into lines (LF, CRLF or lone CR), numbering them from 1. A line cut
 * by a chunk boundary is held until its end arrives; the last line need not end with a newline.
 */
export interface NumberedLine {
  text: string;
  line: number;
}

export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let carry = '';
  let lineNumber = 0;
  let pendingCr = false;
  // One regex per generator: its lastIndex must survive the yields below.
  const lineEnd = /\r\n|\n|\r/g;
  for await (const chunk of chunks) {
    let text = carry + chunk;
    carry = '';
    // A CR that ended the previous chunk already closed its line; skip the LF that completes a CRLF.
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = false;
    let start = 0;
    // The regex engine finds line ends far faster than a character loop in JavaScript.
    lineEnd.lastIndex = 0;
    for (let match = lineEnd.exec(text); match !== null; match = lineEnd.exec(text)) {
      // A lone CR at the very end may be the first half of a CRLF cut by the chunk boundary.
      if (match[0] === '\r' && match.index === text.length - 1) pendingCr = true;
      yield { text: text.slice(start, match.index), line: ++lineNumber };
      start = match.index + match[0].length;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield { text: carry, line: ++lineNumber };
}

/**
 * True for a line the pipeline's line accounting does not count (only spaces, tabs or a BOM, as
 * line-accounting.ts decides), so that dropping it can never lose a counted line. Parsers drop
 * blank lines by this test, not by `trim() === ''`: trim also removes \v, \f, U+00A0, U+3000 and
 * the like, and lines of those were dropped while the accounting counted them (found by fuzzing).
 */
export function isBlankLine(text: string): boolean {
  return /^[ \t\uFEFF]*$/.test(text);
}

/** Splits a sample into complete lines, dropping a last line that may have been cut off. */
export function sampleLines(sample: string, complete: boolean): string[] {
  const lines = sample.split(/\r\n|\n|\r/);
  if (!complete) lines.pop();
  return lines;
}
