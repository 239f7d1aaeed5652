/**
 * Where a search's patterns match in a text, as ranges to mark. Messages can be megabytes long
 * and patterns come from the user, so the work is capped: only the start of the text is searched
 * and only so many ranges are returned; the rest is shown unmarked.
 */

/** Characters searched for matches; what follows is shown without marks. */
export const HIGHLIGHT_MAX_CHARS = 5_000;
/** Marks at most; a search for "e" in a long message would otherwise make thousands of elements. */
export const HIGHLIGHT_MAX_MARKS = 200;

export interface HighlightLimits {
  maxChars?: number;
  maxMarks?: number;
}

/** A half-open range [start, end) of the text to mark. */
export interface HighlightRange {
  start: number;
  end: number;
}

/** The pattern as a global, non-sticky expression, so `exec` walks every match from the start. */
function walker(pattern: RegExp): RegExp {
  const flags = pattern.flags.replace(/[gy]/g, '');
  return new RegExp(pattern.source, `${flags}g`);
}

/** Sorted, non-overlapping ranges of `text` that any of `patterns` matches (within the limits). */
export function highlightRanges(text: string, patterns: readonly RegExp[], limits: HighlightLimits = {}): HighlightRange[] {
  const maxChars = limits.maxChars ?? HIGHLIGHT_MAX_CHARS;
  const maxMarks = limits.maxMarks ?? HIGHLIGHT_MAX_MARKS;
  if (patterns.length === 0 || text === '' || maxMarks <= 0) return [];
  const searched = text.length > maxChars ? text.slice(0, maxChars) : text;

  const found: HighlightRange[] = [];
  for (const pattern of patterns) {
    const expression = walker(pattern);
    // Each pattern may fill the quota on its own; merging below keeps the earliest ones.
    for (let count = 0; count < maxMarks; ) {
      const match = expression.exec(searched);
      if (!match) break;
      if (match[0] === '') {
        // An empty match marks nothing and would loop forever: step past it.
        expression.lastIndex++;
        continue;
      }
      found.push({ start: match.index, end: match.index + match[0].length });
      count++;
    }
  }
  return mergeRanges(found).slice(0, maxMarks);
}

/** Joins overlapping or touching ranges so a character is inside at most one mark. */
export function mergeRanges(ranges: readonly HighlightRange[]): HighlightRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: HighlightRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** One run of the text: marked (a match) or not. */
export interface HighlightSegment {
  text: string;
  marked: boolean;
}

/** The text cut into marked and unmarked runs, in order; joined they give back the text. */
export function highlightSegments(text: string, patterns: readonly RegExp[], limits: HighlightLimits = {}): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let at = 0;
  for (const range of highlightRanges(text, patterns, limits)) {
    if (range.start > at) segments.push({ text: text.slice(at, range.start), marked: false });
    segments.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}
