/**
 * Long text cut for display. A browser lays out one long unbroken line in time that grows faster
 * than its length — a 10 MB log line in a wrapping box freezes the window — and nobody reads a
 * megabyte in a cell or a pane, so each place that shows log text shows at most so much of it and
 * says what it left out. Display only: copies and exports keep the whole text.
 */

export interface ClippedText {
  /** The start of the text (never half of a surrogate pair). */
  text: string;
  /** How many characters (UTF-16 code units) were left out; 0 when the text is whole. */
  cut: number;
}

export function clipText(text: string, max: number): ClippedText {
  if (text.length <= max) return { text, cut: 0 };
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // keep a surrogate pair together
  return { text: text.slice(0, end), cut: text.length - end };
}

/** `text`, or its start followed by "… [12,345 more characters]" when it is longer than `max`. */
export function clipWithNote(text: string, max: number): string {
  const { text: start, cut } = clipText(text, max);
  return cut === 0 ? start : `${start} … [${cut.toLocaleString('en-US')} more characters]`;
}
