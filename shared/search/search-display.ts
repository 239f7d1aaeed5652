/**
 * What the renderer shows of a search: the patterns to highlight in a message, the search a facet
 * value stands for, and a short label for a chip.
 */
import { FACET_SEARCH_FIELD, type FacetField, type FacetValue } from '../model/triage';
import { hasWildcard } from './search-fields';
import { parseSearch } from './search-parser';
import type { ParsedSearch, SearchField, SearchOperator, SearchTerm } from './search-syntax';

/**
 * What to highlight in a message for a search: the positive words, phrases, regular expressions
 * and `message:` values (negated terms match nothing that is shown). Global and case-insensitive,
 * as the engine matches; a regular expression may match empty text, so callers must step past
 * zero-length matches.
 */
export function highlightPatterns(parsed: ParsedSearch): RegExp[] {
  const patterns: RegExp[] = [];
  for (const term of parsed.terms) {
    if (term.negate) continue;
    if (term.kind === 'text') patterns.push(new RegExp(escapeRegex(term.value), 'gi'));
    else if (term.kind === 'regex') patterns.push(new RegExp(term.pattern, 'gi'));
    else if (term.field === 'message' && (term.op === ':' || term.op === '=') && term.value !== '') {
      const literal = escapeRegex(term.value);
      patterns.push(new RegExp(hasWildcard(term.value, term.quoted ?? false) ? literal.replace(/\\\*/g, '.*?') : literal, 'gi'));
    }
  }
  return patterns;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The search a facet value filters by: `provider:"MSExchangeMTA"`, `id:9221`, `kb:"rule-id"`,
 * `source:"file name"`, `computer:""` for entries without one. Quoted values are taken literally
 * (no wildcards, no `kb:none`), so any value, quotes and backslashes included, reads back as itself.
 */
export function facetChipSearch(field: FacetField, value: FacetValue['value'], label: string): string {
  const name = FACET_SEARCH_FIELD[field];
  if (value === null) return `${name}:""`;
  if (field === 'eventId') return `${name}:${value}`;
  return `${name}:${quoteSearchValue(field === 'source' ? label : String(value))}`;
}

/** A value in double quotes, with `"` and `\` escaped as the parser reads them. */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

const FIELD_LABELS: Readonly<Record<SearchField, string>> = {
  provider: 'Provider',
  id: 'Event ID',
  level: 'Level',
  computer: 'Computer',
  channel: 'Channel',
  user: 'User',
  category: 'Category',
  source: 'File',
  kb: 'KB rule',
  message: 'Message',
  record: 'Record',
};

const OPERATOR_LABELS: Readonly<Record<SearchOperator, string>> = { ':': ':', '=': ':', '!=': ' ≠', '>': ' >', '>=': ' ≥', '<': ' <', '<=': ' ≤' };

/** A chip's label: `Provider: MSExchangeMTA`, `not Computer: EXCH01`, `Level ≥ warning`; the search itself when it holds no term. */
export function describeChip(search: string): string {
  const { terms } = parseSearch(search);
  return terms.length === 0 ? search.trim() : terms.map(describeTerm).join(' ');
}

function describeTerm(term: SearchTerm): string {
  const not = term.negate ? 'not ' : '';
  if (term.kind === 'text') return `${not}"${term.value}"`;
  if (term.kind === 'regex') return `${not}/${term.pattern}/${term.flags}`;
  return `${not}${FIELD_LABELS[term.field]}${OPERATOR_LABELS[term.op]} ${term.value === '' ? '(none)' : term.value}`;
}
