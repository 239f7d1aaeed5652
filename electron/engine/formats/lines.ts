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
  for await (const chunk of chunks) {
    let text = carry + chunk;
    carry = '';
    // A CR that ended the previous chunk already closed its line; skip the LF that completes a CRLF.
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      yield { text: text.slice(start, i), line: ++lineNumber };
      if (c === 13) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else {
          pendingCr = true;
        }
      }
      start = i + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield { text: carry, line: ++lineNumber };
}

/** Splits a sample into complete lines, dropping a last line that may have been cut off. */
export function sampleLines(sample: string, complete: boolean): string[] {
  const lines = sample.split(/\r\n|\n|\r/);
  if (!complete) lines.pop();
  return lines;
}
