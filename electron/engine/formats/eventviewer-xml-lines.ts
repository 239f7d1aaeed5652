/**
 * Line numbers and line accounting for XML pieces that do not follow line breaks.
 *
 * The pipeline proves nothing was lost by checking that the file's non-blank lines equal the
 * non-blank lines inside all entries' `raw` text plus the lines reported as skipped. XML breaks
 * that one-line-one-owner picture both ways: wrapper lines (`<?xml …?>`, `<Events>`) belong to no
 * entry, and a `wevtutil` export puts many events on one line, so that line sits inside many raws
 * and the pipeline counts it once per event. Since each raw must stay exactly its element's text,
 * the tally works out, line by line, which pieces touched it, and reports the difference: +1 for a
 * line holding only markup, −(n−1) for a line shared by n entries. A line that no piece reached
 * (text a bug dropped) is not reported, so the pipeline's check still catches it.
 */

const LINE_BREAK = /[\r\n]/g;

/** Follows every piece of the document in order; see the file comment. */
export class LineTally {
  /** The 1-based line of the next character (LF, CRLF and a lone CR each end a line). */
  private line = 1;
  private afterCr = false;
  private entriesOnLine = 0;
  private markupOnLine = false;
  /** Non-blank lines that hold markup and no part of any entry. */
  markupLines = 0;
  /** Extra times shared lines are counted: a line inside n entries' raw text adds n−1. */
  sharedLineRepeats = 0;

  /**
   * Takes the next piece of the document (`entry`: it becomes an event or unparsed row, so the
   * pipeline counts its lines) and returns the line it starts on.
   */
  add(text: string, entry: boolean): number {
    const startLine = this.line;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d || c === 0x0a) {
        // The LF of a CRLF starts no new line (the pipeline's counter sees an empty line there).
        if (!(c === 0x0a && this.afterCr)) this.line++;
        this.afterCr = c === 0x0d;
        this.endLine();
        continue;
      }
      this.afterCr = false;
      // Blank as the pipeline's line counter defines it (line-accounting.ts): space, tab, BOM.
      if (c === 0x20 || c === 0x09 || c === 0xfeff) continue;
      if (entry) this.entriesOnLine++;
      else this.markupOnLine = true;
      // The rest of this line changes nothing: jump to its end.
      LINE_BREAK.lastIndex = i;
      const lineBreak = LINE_BREAK.exec(text);
      i = (lineBreak ? lineBreak.index : text.length) - 1;
    }
    return startLine;
  }

  /** Closes the last line; call once after the last piece. */
  finish(): void {
    this.endLine();
  }

  private endLine(): void {
    if (this.entriesOnLine === 0) {
      if (this.markupOnLine) this.markupLines++;
    } else {
      this.sharedLineRepeats += this.entriesOnLine - 1;
    }
    this.entriesOnLine = 0;
    this.markupOnLine = false;
  }
}
