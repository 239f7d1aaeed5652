/** Stacking filter chips: pure operations on the list the query carries (EventQuery.chips). */
import type { FilterChip } from '../../../shared/model/query';

/**
 * Adds a chip for `search` at the end. The same search already stacked is not doubled: it moves
 * to the end with the new include/exclude choice, which is what pressing Enter again means.
 */
export function addChip(chips: readonly FilterChip[], search: string, exclude: boolean): FilterChip[] {
  const trimmed = search.trim();
  if (trimmed === '') return [...chips];
  return [...chips.filter((chip) => chip.search !== trimmed), { search: trimmed, exclude }];
}

/** Turns a kept chip into a left-out one and back. */
export function toggleChip(chips: readonly FilterChip[], index: number): FilterChip[] {
  return chips.map((chip, at) => (at === index ? { ...chip, exclude: !chip.exclude } : chip));
}

export function removeChip(chips: readonly FilterChip[], index: number): FilterChip[] {
  return chips.filter((_, at) => at !== index);
}

/** How a chip reads: a left-out chip starts with a minus sign. */
export function chipLabel(chip: FilterChip): string {
  return chip.exclude ? `−${chip.search}` : chip.search;
}
