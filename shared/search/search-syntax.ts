/**
 * The search box's field syntax, shared by the engine (which turns it into SQL) and the renderer
 * (which shows chips, errors and highlights matches):
 *
 *   provider:MSExchangeMTA id:9221 level>=warning -computer:EXCH01 "connection reset" /1005[34]/
 *
 * Every term must hold, and a leading `-` negates one.
 * - Words and "quoted phrases" (`\"` and `\\` inside) are case-insensitive substrings of what a
 *   user reads (message, provider, computer, user, data, raw text…).
 * - `/pattern/` is a regular expression over the same text, always case-insensitive (`/…/i` is
 *   accepted too). It must be valid JavaScript and use nothing DuckDB's RE2 lacks.
 * - `field:value` and `field:"quoted value"` test one field (names and aliases in search-fields.ts):
 *   equality without regard to case for provider, computer, channel, user, category and kb, where
 *   an unquoted `*` is a wildcard; a substring for message and source (the file name); `kb:none`
 *   and `kb:any` for no rule or some rule; `field:""` for entries without a value.
 * - id, record and level take comma lists (`id:9221,9215`, `level:error,warning`) and comparisons
 *   (`id>=9000`, `level>=warning` = warning or more severe); every field takes `=` and `!=`.
 * - A name that is no field leaves the term plain text, so pasted URLs and times (10:22:01) work.
 *
 * The implementation is split by idea: search-parser.ts reads, search-fields.ts knows the fields,
 * search-regex.ts checks regular expressions, search-display.ts serves the renderer.
 */

/** Fields a term can name, with the names users type for them. */
export const SEARCH_FIELDS = ['provider', 'id', 'level', 'computer', 'channel', 'user', 'category', 'source', 'kb', 'message', 'record'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type SearchOperator = ':' | '=' | '!=' | '>' | '>=' | '<' | '<=';

export type SearchTerm =
  /** A word or "phrase": substring of message, provider, category, computer, user, channel, data or raw text. */
  | { kind: 'text'; value: string; negate: boolean }
  /** /pattern/flags: a regular expression over the same text. */
  | { kind: 'regex'; pattern: string; flags: string; negate: boolean }
  /**
   * field:value, field>=value, …: one field's value. `quoted` when the value was written in
   * quotes, which makes it literal (no `*` wildcards, `kb:"none"` is a rule called none).
   */
  | { kind: 'field'; field: SearchField; op: SearchOperator; value: string; negate: boolean; quoted?: boolean };

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

export { parseSearch } from './search-parser';
export { describeChip, facetChipSearch, highlightPatterns, quoteSearchValue } from './search-display';
export { SEARCH_FIELD_NAMES, levelNamed, searchFieldNamed } from './search-fields';
