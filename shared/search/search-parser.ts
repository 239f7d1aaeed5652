/**
 * Reads the search box (see search-syntax.ts for the syntax). Never throws: what cannot be read is
 * reported with its offset and left out, so the rest of the search still works while the user types.
 */
import { fieldValueProblem, searchFieldNamed } from './search-fields';
import { JS_REGEX_FLAGS, regexEnd, regexProblem } from './search-regex';
import type { ParsedSearch, SearchError, SearchOperator, SearchTerm } from './search-syntax';

/** Longest first, so `>=` is not read as `>` followed by a value starting with `=`. */
const OPERATORS: readonly SearchOperator[] = ['>=', '<=', '!=', ':', '=', '>', '<'];

const SPACE = /\s/;

export function parseSearch(input: string): ParsedSearch {
  const terms: SearchTerm[] = [];
  const errors: SearchError[] = [];
  let i = 0;
  while (i < input.length) {
    if (SPACE.test(input[i]!)) {
      i++;
      continue;
    }
    // A lone `-` is a word; `-term` negates the term.
    const negate = input[i] === '-' && i + 1 < input.length && !SPACE.test(input[i + 1]!);
    const start = negate ? i + 1 : i;
    const read = readTerm(input, start, negate);
    if ('error' in read) errors.push(read.error);
    else if (read.term) terms.push(read.term);
    i = read.end;
  }
  return { terms, errors };
}

type TermRead = { term: SearchTerm | undefined; end: number } | { error: SearchError; end: number };

function readTerm(input: string, start: number, negate: boolean): TermRead {
  if (input[start] === '"') {
    const phrase = readQuoted(input, start);
    if (!phrase) return unclosedQuote(input, start);
    // `""` holds nothing to look for.
    return { term: phrase.value === '' ? undefined : { kind: 'text', value: phrase.value, negate }, end: phrase.end };
  }
  if (input[start] === '/') {
    const regex = readRegex(input, start, negate);
    if (regex) return regex;
  }
  return readField(input, start, negate) ?? readWord(input, start, negate);
}

/** A `"quoted"` string starting at `start`: `\"` and `\\` stand for `"` and `\`, other backslashes are kept. */
function readQuoted(input: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let i = start + 1; i < input.length; i++) {
    const c = input[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
      value += input[i + 1];
      i++;
    } else {
      value += c;
    }
  }
  return undefined;
}

function unclosedQuote(input: string, at: number): TermRead {
  // A phrase can hold spaces, so everything after an unclosed quote belongs to it.
  return { error: { at, message: 'This quote is never closed.' }, end: input.length };
}

/**
 * `/pattern/` or `/pattern/i` followed by a space or the end; undefined when what starts with a
 * slash is a word instead (`/var/log/app.log`, a path).
 */
function readRegex(input: string, start: number, negate: boolean): TermRead | undefined {
  const close = regexEnd(input, start);
  if (close < 0) return { error: { at: start, message: 'This regular expression is never closed (a / is missing).' }, end: input.length };
  let end = close + 1;
  while (end < input.length && /[A-Za-z]/.test(input[end]!)) end++;
  if (end < input.length && !SPACE.test(input[end]!)) return undefined;
  const flags = input.slice(close + 1, end);
  if (!JS_REGEX_FLAGS.test(flags)) return undefined;
  if (flags.replace('i', '') !== '') return { error: { at: close + 1, message: 'The only flag a search regular expression takes is i.' }, end };
  const pattern = input.slice(start + 1, close);
  const problem = regexProblem(pattern);
  if (problem) return { error: { at: start + 1 + problem.at, message: problem.message }, end };
  return { term: { kind: 'regex', pattern, flags, negate }, end };
}

/** `field:value`, `field:"value"` or a comparison, when the name is a field; undefined otherwise. */
function readField(input: string, start: number, negate: boolean): TermRead | undefined {
  const name = /^[A-Za-z_]+/.exec(input.slice(start, start + 20))?.[0];
  const field = name ? searchFieldNamed(name) : undefined;
  if (!name || !field) return undefined;
  const opAt = start + name.length;
  const op = OPERATORS.find((candidate) => input.startsWith(candidate, opAt));
  if (!op) return undefined;
  const valueAt = opAt + op.length;
  let value: string;
  let end: number;
  const quoted = input[valueAt] === '"';
  if (quoted) {
    const read = readQuoted(input, valueAt);
    if (!read) return unclosedQuote(input, valueAt);
    ({ value, end } = read);
  } else {
    end = wordEnd(input, valueAt);
    value = input.slice(valueAt, end);
    if (value === '') return { error: { at: valueAt, message: `${name}${op} needs a value (${name}:"" finds entries without one).` }, end };
  }
  const problem = fieldValueProblem(field, op, value);
  if (problem) {
    const at = problem.on === 'operator' ? opAt : valueAt + (quoted ? 1 : 0) + problem.at;
    return { error: { at, message: problem.message }, end };
  }
  return { term: { kind: 'field', field, op, value, negate, quoted }, end };
}

function readWord(input: string, start: number, negate: boolean): TermRead {
  const end = wordEnd(input, start);
  return { term: { kind: 'text', value: input.slice(start, end), negate }, end };
}

function wordEnd(input: string, start: number): number {
  let end = start;
  while (end < input.length && !SPACE.test(input[end]!)) end++;
  return end;
}
