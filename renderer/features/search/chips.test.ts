import { describe, expect, it } from 'vitest';
import { addChip, chipLabel, removeChip, toggleChip } from './chips';

describe('filter chips', () => {
  it('adds trimmed searches at the end and ignores blank ones', () => {
    const chips = addChip([], '  id:9221 ', false);
    expect(chips).toEqual([{ search: 'id:9221', exclude: false }]);
    expect(addChip(chips, '   ', true)).toEqual(chips);
  });

  it('does not stack the same search twice: it moves to the end with the new choice', () => {
    const chips = addChip(addChip([], 'a', false), 'b', false);
    expect(addChip(chips, 'a', true)).toEqual([
      { search: 'b', exclude: false },
      { search: 'a', exclude: true },
    ]);
  });

  it('toggles and removes one chip by position', () => {
    const chips = [
      { search: 'a', exclude: false },
      { search: 'b', exclude: true },
    ];
    expect(toggleChip(chips, 1)).toEqual([
      { search: 'a', exclude: false },
      { search: 'b', exclude: false },
    ]);
    expect(removeChip(chips, 0)).toEqual([{ search: 'b', exclude: true }]);
    expect(chips).toHaveLength(2);
  });

  it('labels left-out chips with a minus sign', () => {
    expect(chipLabel({ search: 'computer:EXCH01', exclude: true })).toBe('−computer:EXCH01');
    expect(chipLabel({ search: 'x', exclude: false })).toBe('x');
  });
});
