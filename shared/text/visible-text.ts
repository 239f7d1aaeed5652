/**
 * Log text as it is shown on screen. Log files are written by whoever can reach the logged
 * system, so a line may carry characters that change what is displayed without being seen
 * themselves: a right-to-left override that turns `invoice‮fdp.exe` into "invoice.exe.pdf",
 * isolates, zero-width spaces that make `ad​min` look like `admin`, terminal escapes, NULs, bells.
 * Each such character becomes a visible marker — a Unicode control picture for the C0 controls
 * (`␛`, `␀`, `␇`) and `⟨U+202E⟩` for the rest — so what is on screen is what is in the file.
 *
 * Display only: the stored entry, searches, copies and exports keep the exact text. Tab, line
 * feed and carriage return stay as they are (they are layout, and multi-line messages need them).
 */

/**
 * Characters shown as markers: C0 controls but tab, LF and CR; DEL and the C1 controls; every
 * Unicode format character (bidi embeddings, overrides, isolates and marks, zero-width spaces and
 * joiners, the BOM, invisible operators, tag characters); the line and paragraph separators; and
 * the Hangul fillers, letters that draw nothing and make names look empty.
 *
 * Zero-width joiners are marked too, though emoji sequences use them: in a log viewer, seeing
 * that a name holds an invisible character matters more than drawing an emoji family as one.
 */
const HIDDEN_SOURCE = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\p{Cf}\\u2028\\u2029\\u115F\\u1160\\u3164\\uFFA0]';
const HIDDEN = new RegExp(HIDDEN_SOURCE, 'u');
const HIDDEN_ALL = new RegExp(HIDDEN_SOURCE, 'gu');

/** Control pictures: U+2400 + code for U+0000–U+001F, and ␡ for DEL. */
const CONTROL_PICTURES_START = 0x2400;
const DELETE_PICTURE = '\u2421';

/** The marker shown in place of one hidden character. */
export function controlMarker(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCharCode(CONTROL_PICTURES_START + code);
  if (code === 0x7f) return DELETE_PICTURE;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** True when `text` holds a character visibleText() would replace. */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}

/**
 * `text` with every hidden character replaced by its marker. Text without any (nearly all of it)
 * is returned as it is after one scan, so the grid can call this for every cell it draws.
 */
export function visibleText(text: string): string {
  if (!HIDDEN.test(text)) return text;
  return text.replace(HIDDEN_ALL, controlMarker);
}

/** A run of displayed text: the text itself, or the marker of one hidden character. */
export interface VisiblePart {
  text: string;
  /** True for a marker, which a renderer may style so it cannot be taken for typed text. */
  marker: boolean;
}

/**
 * `text` cut into plain runs and markers, in order, so a renderer can style the markers. After
 * `maxMarkers` markers the rest comes as one run with its markers unstyled (visibleText), so a
 * line of a million escapes does not become a million elements.
 */
export function visibleParts(text: string, maxMarkers = 500): VisiblePart[] {
  if (!HIDDEN.test(text)) return text === '' ? [] : [{ text, marker: false }];
  const parts: VisiblePart[] = [];
  const walker = new RegExp(HIDDEN_SOURCE, 'gu');
  let at = 0;
  let markers = 0;
  for (let match = walker.exec(text); match !== null; match = walker.exec(text)) {
    if (markers === maxMarkers) break;
    if (match.index > at) parts.push({ text: text.slice(at, match.index), marker: false });
    parts.push({ text: controlMarker(match[0]), marker: true });
    markers++;
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push({ text: visibleText(text.slice(at)), marker: false });
  return parts;
}
