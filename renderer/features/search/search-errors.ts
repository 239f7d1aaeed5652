/** Where a parse error sits in the typed search, so the offending term can be shown marked. */

/** A term's half-open span [start, end) in the input. */
export interface TermSpan {
  start: number;
  end: number;
}

/**
 * The input's terms, split on whitespace the way a user reads them: spaces inside "quotes" or a
 * /regex/ do not split. An unclosed quote or slash runs to the end (that is usually the error).
 */
export function termSpans(input: string): TermSpan[] {
  const spans: TermSpan[] = [];
  let at = 0;
  while (at < input.length) {
    while (at < input.length && /\s/.test(input[at]!)) at++;
    if (at >= input.length) break;
    const start = at;
    let quote = false;
    // A regex starts right at the term (after an optional minus sign), like the syntax says.
    let slash = input[at] === '/' || (input[at] === '-' && input[at + 1] === '/');
    if (slash) at = input.indexOf('/', start) + 1;
    while (at < input.length) {
      const char = input[at]!;
      if (slash) {
        if (char === '\\') at++;
        else if (char === '/') slash = false;
      } else if (char === '"') quote = !quote;
      else if (!quote && /\s/.test(char)) break;
      at++;
    }
    spans.push({ start, end: Math.min(at, input.length) });
  }
  return spans;
}

/** The term an error offset points into; an offset past the end marks the end itself. */
export function errorTerm(input: string, at: number): TermSpan {
  const clamped = Math.max(0, Math.min(at, input.length));
  const span = termSpans(input).find((term) => clamped >= term.start && clamped < term.end);
  if (span) return span;
  // Between terms or past the end: point at the place, with one character if there is one.
  return { start: clamped, end: Math.min(clamped + 1, input.length) };
}

/** Context shown around the marked term; the search box is one line, long inputs are cut. */
const CONTEXT_CHARS = 24;

export interface ErrorExcerpt {
  before: string;
  term: string;
  after: string;
}

/** The input around an error, cut to a readable excerpt with "…" where text was left out. */
export function errorExcerpt(input: string, at: number): ErrorExcerpt {
  const { start, end } = errorTerm(input, at);
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(input.length, end + CONTEXT_CHARS);
  return {
    before: (from > 0 ? '…' : '') + input.slice(from, start),
    term: input.slice(start, end),
    after: input.slice(end, to) + (to < input.length ? '…' : ''),
  };
}
