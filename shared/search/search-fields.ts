/**
 * What the search syntax knows about its fields: the names users type for them, which take
 * comparisons and lists, and what their values may be. The parser checks values with these; the
 * engine reads them again with the same helpers when it builds SQL, so both agree.
 */
import { SEVERITIES, severityFromWord, type Severity } from '../model/severity';
import type { SearchField, SearchOperator } from './search-syntax';

/** Every name a field answers to, lower case: the canonical one and the aliases users type (for help and completion too). */
export const SEARCH_FIELD_NAMES: ReadonlyMap<string, SearchField> = new Map<string, SearchField>([
  ['provider', 'provider'],
  ['id', 'id'],
  ['eventid', 'id'],
  ['event', 'id'],
  ['level', 'level'],
  ['severity', 'level'],
  ['computer', 'computer'],
  ['host', 'computer'],
  ['channel', 'channel'],
  ['log', 'channel'],
  ['user', 'user'],
  ['category', 'category'],
  ['task', 'category'],
  // The file an entry came from. Not an alias of provider, although Event Viewer calls that "Source".
  ['source', 'source'],
  ['kb', 'kb'],
  ['message', 'message'],
  ['msg', 'message'],
  ['record', 'record'],
  ['recordid', 'record'],
]);

/** The field a name typed before `:` stands for; undefined when it is no field (then the term is plain text). */
export function searchFieldNamed(name: string): SearchField | undefined {
  return SEARCH_FIELD_NAMES.get(name.toLowerCase());
}

/** Fields whose values have an order (`id>=9000`, `level>=warning`) and that take comma lists (`id:9221,9215`). */
const ORDERED_FIELDS: ReadonlySet<SearchField> = new Set<SearchField>(['id', 'record', 'level']);

export function isOrderedField(field: SearchField): boolean {
  return ORDERED_FIELDS.has(field);
}

export function isComparison(op: SearchOperator): boolean {
  return op === '>' || op === '>=' || op === '<' || op === '<=';
}

/** `kb:none` (no rule matched) and `kb:any` (some rule did), when not quoted. */
export const KB_NONE = 'none';
export const KB_ANY = 'any';

/** The values of a list (`error,warning`), as the ordered fields read them. */
export function listValues(value: string): string[] {
  return value.split(',').map((part) => part.trim());
}

/**
 * A level as users name it: the severity ids (`audit-failure`), the words logs use (`warn`,
 * `fatal`, `debug`) and the abbreviations `crit`, `err`, `info`.
 */
export function levelNamed(name: string): Severity | undefined {
  const word = name.trim().toLowerCase();
  const severity = SEVERITIES.find((candidate) => candidate === word || candidate.replace('-', '') === word.replace(/[-_ ]/g, ''));
  return severity ?? severityFromWord(word);
}

/** The last severity in the order of urgency; `unknown` (after it) has no place in that order. */
export const LEAST_URGENT_ORDERED: Severity = 'verbose';

/** A numeric value (`9221`), or undefined when it is not a whole number JavaScript holds exactly. */
export function wholeNumber(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}

/** Unquoted `*` in a text field's value matches any run of characters (`provider:MSExchange*`). */
export function hasWildcard(value: string, quoted: boolean): boolean {
  return !quoted && value.includes('*');
}

/** What is wrong with a field term: its operator, or its value (`at` = offset within the value). */
export type FieldProblem = { on: 'operator'; message: string } | { on: 'value'; at: number; message: string };

/** Why a field term's value cannot be used, or undefined when it can. */
export function fieldValueProblem(field: SearchField, op: SearchOperator, value: string): FieldProblem | undefined {
  if (isComparison(op) && !isOrderedField(field)) {
    return { on: 'operator', message: `${field} cannot be compared with ${op}: only id, record and level can (use ${field}:value).` };
  }
  if (!isOrderedField(field)) return undefined;
  if (value === '') {
    if (field === 'level') return { on: 'value', at: 0, message: 'Every entry has a level: name one (level:error).' };
    return isComparison(op) ? { on: 'value', at: 0, message: `${field}${op} needs a number.` } : undefined;
  }
  const parts = value.split(',');
  if (parts.length > 1 && isComparison(op)) return { on: 'value', at: 0, message: `${field}${op} compares with one value, not a list.` };
  let at = 0;
  for (const raw of parts) {
    const part = raw.trim();
    const message =
      field === 'level' ? levelProblem(part, op) : wholeNumber(part) === undefined ? `"${part}" is not ${field === 'id' ? 'an event id' : 'a record number'} (a whole number).` : undefined;
    if (message) return { on: 'value', at, message };
    at += raw.length + 1;
  }
  return undefined;
}

function levelProblem(name: string, op: SearchOperator): string | undefined {
  const level = levelNamed(name);
  if (!level) return `"${name}" is not a level (critical, error, warning, information, verbose, audit-success, audit-failure, unknown).`;
  if (level === 'unknown' && isComparison(op)) return 'Unknown is not more or less severe than any level: use level:unknown.';
  return undefined;
}
