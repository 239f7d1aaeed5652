/**
 * Regular expressions in a search (`/1005[34]/i`): where one ends, and whether both sides can run
 * it. The renderer highlights with JavaScript's engine, the store filters with DuckDB's (RE2), so a
 * pattern must be valid JavaScript and use nothing RE2 lacks (look-around, back-references…):
 * otherwise the grid's query would fail instead of the search box showing why.
 */

/** Where a `/…/` starting at `start` closes: the offset of its closing slash, or -1 when it never does. */
export function regexEnd(input: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < input.length; i++) {
    const c = input[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    // A slash inside a class does not close the expression (`/[/]/`), as in JavaScript.
    else if (c === '/' && !inClass) return i;
  }
  return -1;
}

/** Letters JavaScript accepts as flags; of these only `i` means something to a search. */
export const JS_REGEX_FLAGS = /^[dgimsuyv]*$/;

/** JavaScript syntax RE2 does not have, with what to say about it: escapes (anywhere) and groups and classes (outside classes). */
const RE2_MISSING_ESCAPES: readonly { syntax: RegExp; message: string }[] = [
  { syntax: /^\\[1-9]/, message: 'Back-references are not supported.' },
  { syntax: /^\\k/, message: 'Back-references are not supported.' },
  { syntax: /^\\c/, message: '\\c control escapes are not supported.' },
  { syntax: /^\\u/, message: '\\u escapes are not supported: use \\x{…}.' },
];
const RE2_MISSING_OUTSIDE_CLASSES: readonly { syntax: RegExp; message: string }[] = [
  { syntax: /^\(\?<?[=!]/, message: 'Look-ahead and look-behind are not supported.' },
  { syntax: /^\(\?<[A-Za-z_]/, message: 'Named groups are not supported: use (…) or (?:…).' },
  { syntax: /^\[\^?\]/, message: 'Empty character classes are not supported.' },
];

/**
 * Why `pattern` cannot be used, or undefined. `at` is the offset of the problem within the pattern
 * (0 when the JavaScript engine, which does not say where, rejects it).
 */
export function regexProblem(pattern: string): { at: number; message: string } | undefined {
  if (pattern === '') return { at: 0, message: 'An empty regular expression matches everything: write something between the slashes.' };
  try {
    new RegExp(pattern, 'i');
  } catch (error) {
    return { at: 0, message: error instanceof Error ? error.message : String(error) };
  }
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ahead = pattern.slice(i, i + 4);
    const c = pattern[i];
    const missing = (c === '\\' ? RE2_MISSING_ESCAPES : inClass ? [] : RE2_MISSING_OUTSIDE_CLASSES).find(({ syntax }) => syntax.test(ahead));
    if (missing) return { at: i, message: missing.message };
    // What an escape covers is not syntax: `\(?=` is no look-ahead.
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
  }
  return undefined;
}
