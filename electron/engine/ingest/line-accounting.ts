/**
 * Counts non-blank lines, so the pipeline can prove that every line of a text file ended up in an
 * entry, an unparsed row, or a reported header/directive. Blank lines carry nothing and are not
 * counted, which keeps parsers free to drop them.
 */

/** Counts non-blank lines in one piece of text (LF, CRLF or CR separated). */
export function countNonBlankLines(text: string): number {
  let count = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!blank) count++;
      blank = true;
    } else if (blank && c !== 32 && c !== 9 && c !== 0xfeff) {
      blank = false;
    }
  }
  return blank ? count : count + 1;
}

/** The same count over a stream of chunks, where a line may be cut between two chunks. */
export class StreamingLineCounter {
  private count = 0;
  private blank = true;

  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (!this.blank) this.count++;
        this.blank = true;
      } else if (this.blank && c !== 32 && c !== 9 && c !== 0xfeff) {
        this.blank = false;
      }
    }
  }

  get total(): number {
    return this.blank ? this.count : this.count + 1;
  }
}
