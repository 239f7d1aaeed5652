import type { IRowNode } from 'ag-grid-community';
import { describe, expect, it, vi } from 'vitest';
import type { EventRow } from '../../../shared/model/log-event';
import { canMove, currentRowIndex, moveRow, targetRowIndex, type NavigableGrid } from './grid-navigation';

describe('targetRowIndex', () => {
  it('steps one row and stops at the ends', () => {
    expect(targetRowIndex(3, 'next', 10)).toBe(4);
    expect(targetRowIndex(9, 'next', 10)).toBe(9);
    expect(targetRowIndex(3, 'prev', 10)).toBe(2);
    expect(targetRowIndex(0, 'prev', 10)).toBe(0);
  });

  it('jumps to the first and last rows, and starts at the top with nothing selected', () => {
    expect(targetRowIndex(3, 'first', 10)).toBe(0);
    expect(targetRowIndex(3, 'last', 10)).toBe(9);
    expect(targetRowIndex(null, 'next', 10)).toBe(0);
    expect(targetRowIndex(null, 'prev', 10)).toBe(0);
    expect(targetRowIndex(null, 'next', 0)).toBeNull();
  });

  it('tells whether a step would move', () => {
    expect(canMove(0, 'prev', 10)).toBe(false);
    expect(canMove(0, 'next', 10)).toBe(true);
    expect(canMove(9, 'next', 10)).toBe(false);
    expect(canMove(null, 'next', 0)).toBe(false);
  });
});

/** A grid of `count` rows where rows at `missing` indexes load only after `loadAfter` polls. */
function fakeGrid(count: number, options: { selected?: number; focused?: number; missing?: number[]; loadAfter?: number } = {}) {
  let polls = 0;
  const selected = vi.fn();
  const rows = Array.from({ length: count }, (_, index) => ({ id: 100 + index }) as EventRow);
  const api = {
    getRowNode: (id: string) => (Number(id) === options.selected ? ({ rowIndex: Number(id) - 100 } as IRowNode<EventRow>) : undefined),
    getFocusedCell: () => (options.focused === undefined ? null : ({ rowIndex: options.focused, column: 'message' } as never)),
    getDisplayedRowCount: () => count,
    getDisplayedRowAtIndex: (index: number) => {
      polls++;
      const loaded = !options.missing?.includes(index) || polls > (options.loadAfter ?? Infinity);
      return { data: loaded ? rows[index] : undefined, setSelected: selected } as unknown as IRowNode<EventRow>;
    },
    ensureIndexVisible: vi.fn(),
    setFocusedCell: vi.fn(),
  } satisfies NavigableGrid;
  return { api, selected };
}

describe('currentRowIndex', () => {
  it('uses the selected row, else the grid cursor', () => {
    expect(currentRowIndex(fakeGrid(10, { selected: 104, focused: 7 }).api, 104)).toBe(4);
    expect(currentRowIndex(fakeGrid(10, { focused: 7 }).api, 104)).toBe(7);
    expect(currentRowIndex(fakeGrid(10).api, null)).toBeNull();
  });
});

describe('moveRow', () => {
  it('selects the next row, scrolls to it and moves the grid cursor along', async () => {
    const { api, selected } = fakeGrid(10, { selected: 104, focused: 4 });
    expect(await moveRow(api, 'next', 104)).toEqual({ id: 105 });
    expect(api.ensureIndexVisible).toHaveBeenCalledWith(5);
    expect(api.setFocusedCell).toHaveBeenCalledWith(5, 'message');
    expect(selected).toHaveBeenCalledWith(true, true);
  });

  it('leaves focus alone when the grid has no cursor', async () => {
    const { api } = fakeGrid(10, { selected: 104 });
    await moveRow(api, 'last', 104);
    expect(api.setFocusedCell).not.toHaveBeenCalled();
  });

  it('waits for a row that is still loading, and gives up in time', async () => {
    expect(await moveRow(fakeGrid(10, { missing: [9], loadAfter: 2 }).api, 'last', null)).toEqual({ id: 109 });
    expect(await moveRow(fakeGrid(10, { missing: [9] }).api, 'last', null, 100)).toBeNull();
    expect(await moveRow(fakeGrid(0).api, 'next', null)).toBeNull();
  });
});
