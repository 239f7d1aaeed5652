/** The patterns to mark for what the user searched: the typed search and every kept chip. */
import type { FilterChip } from '../../../shared/model/query';
import { highlightPatterns, parseSearch } from '../../../shared/search/search-syntax';

/**
 * Left-out chips are not marked: the rows shown never match them. Memoise the result on
 * (text, chips): cells and the detail pane redo their marks when the array changes.
 */
export function searchHighlights(text: string, chips: readonly FilterChip[] = []): RegExp[] {
  const searches = [text, ...chips.filter((chip) => !chip.exclude).map((chip) => chip.search)];
  return searches.filter((search) => search.trim() !== '').flatMap((search) => highlightPatterns(parseSearch(search)));
}
