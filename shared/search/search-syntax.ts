/**
 * The search box's field syntax, shared by the engine (which turns it into SQL) and the renderer
 * (which shows chips, errors and highlights matches):
 *
 *   provider:MSExchangeMTA id:9221 level>=warning -computer:EXCH01 "connection reset" /1005[34]/
 *
 * Every term must hold. Words and "quoted phrases" are case-insensitive substrings of what a user
 * reads; /…/ is a regular expression (flag i allowed); `field:value` and comparisons test one
 * field; a leading `-` negates a term.
 *
 * STUB: the real parser is being written; the exported types and signatures are the contract.
 */
import type { FacetField, FacetValue } from '../model/triage';

/** Fields a term can name, with the names users type for them. */
export const SEARCH_FIELDS = ['provider', 'id', 'level', 'computer', 'channel', 'user', 'category', 'source', 'kb', 'message', 'record'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type SearchOperator = ':' | '=' | '!=' | '>' | '>=' | '<' | '<=';

export type SearchTerm =
  /** A word or "phrase": substring of message, provider, category, computer, user, channel, data or raw text. */
  | { kind: 'text'; value: string; negate: boolean }
  /** /pattern/flags: a regular expression over the same text. */
  | { kind: 'regex'; pattern: string; flags: string; negate: boolean }
  /** field:value, field>=value, …: one field's value. */
  | { kind: 'field'; field: SearchField; op: SearchOperator; value: string; negate: boolean };

export interface SearchError {
  /** Offset of the problem in the input. */
  at: number;
  message: string;
}

export interface ParsedSearch {
  terms: SearchTerm[];
  /** Problems found; terms that could not be read are left out of `terms`. */
  errors: SearchError[];
}

export function parseSearch(input: string): ParsedSearch {
  const terms: SearchTerm[] = input
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((value) => ({ kind: 'text', value, negate: false }));
  return { terms, errors: [] };
}

/** What to highlight in a message for a search: positive text terms and regular expressions. */
export function highlightPatterns(parsed: ParsedSearch): RegExp[] {
  void parsed;
  return [];
}

/** The search a facet value filters by: `provider:"MSExchangeMTA"`, `id:9221`, `computer:""` for none. */
export function facetChipSearch(field: FacetField, value: FacetValue['value'], label: string): string {
  void value;
  return `${field}:"${label}"`;
}
