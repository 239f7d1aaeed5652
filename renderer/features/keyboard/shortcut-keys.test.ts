import { describe, expect, it } from 'vitest';
import { placeOf, shortcutFor, type ElementLike, type FocusPlace, type KeyPress } from './shortcut-keys';

function press(key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers };
}

describe('shortcutFor', () => {
  it('maps the single keys on the page', () => {
    const cases: [KeyPress, string][] = [
      [press('/'), 'focusSearch'],
      [press('?', { shiftKey: true }), 'help'],
      [press('j'), 'nextRow'],
      [press('ArrowDown'), 'nextRow'],
      [press('k'), 'prevRow'],
      [press('ArrowUp'), 'prevRow'],
      [press('g'), 'firstRow'],
      [press('G', { shiftKey: true }), 'lastRow'],
      [press(' '), 'toggleDetail'],
      [press('b'), 'toggleBookmark'],
      [press('c'), 'comment'],
      [press('Escape'), 'escape'],
    ];
    for (const [key, action] of cases) expect(shortcutFor(key, 'page')).toBe(action);
  });

  it('maps the command-key shortcuts, Ctrl or Cmd, in either case', () => {
    expect(shortcutFor(press('f', { ctrlKey: true }), 'page')).toBe('focusSearch');
    expect(shortcutFor(press('f', { metaKey: true }), 'page')).toBe('focusSearch');
    expect(shortcutFor(press('o', { ctrlKey: true }), 'page')).toBe('openFile');
    expect(shortcutFor(press('E', { ctrlKey: true, shiftKey: true }), 'page')).toBe('export');
    expect(shortcutFor(press('e', { ctrlKey: true }), 'page')).toBeNull();
    expect(shortcutFor(press('f', { ctrlKey: true, altKey: true }), 'page')).toBeNull();
    expect(shortcutFor(press('j', { ctrlKey: true }), 'page')).toBeNull();
  });

  it('leaves typed keys to text boxes but keeps Escape and the command keys', () => {
    for (const key of ['/', '?', 'j', 'k', 'g', 'G', ' ', 'b', 'c', 'ArrowDown', 'ArrowUp']) expect(shortcutFor(press(key), 'editable')).toBeNull();
    expect(shortcutFor(press('Escape'), 'editable')).toBe('escape');
    expect(shortcutFor(press('f', { ctrlKey: true }), 'editable')).toBe('focusSearch');
    expect(shortcutFor(press('E', { ctrlKey: true, shiftKey: true }), 'editable')).toBe('export');
  });

  it('leaves the arrows to the grid, which moves its own focused row', () => {
    expect(shortcutFor(press('ArrowDown'), 'grid')).toBeNull();
    expect(shortcutFor(press('ArrowUp'), 'grid')).toBeNull();
    expect(shortcutFor(press('j'), 'grid')).toBe('nextRow');
    expect(shortcutFor(press(' '), 'grid')).toBe('toggleDetail');
  });

  it('leaves Space to buttons, where it presses them', () => {
    expect(shortcutFor(press(' '), 'control')).toBeNull();
    expect(shortcutFor(press('j'), 'control')).toBe('nextRow');
  });

  it('leaves arrows and Space to a focused scrolling block', () => {
    expect(shortcutFor(press('ArrowDown'), 'scroller')).toBeNull();
    expect(shortcutFor(press(' '), 'scroller')).toBeNull();
    expect(shortcutFor(press('j'), 'scroller')).toBe('nextRow');
  });

  it('does nothing inside dialogs, which handle their own keys', () => {
    for (const key of [press('Escape'), press('j'), press('f', { ctrlKey: true })]) expect(shortcutFor(key, 'dialog')).toBeNull();
  });

  it('ignores Alt combinations and unknown keys', () => {
    expect(shortcutFor(press('j', { altKey: true }), 'page')).toBeNull();
    expect(shortcutFor(press('J', { shiftKey: true }), 'page')).toBeNull();
    expect(shortcutFor(press('x'), 'page')).toBeNull();
    expect(shortcutFor(press('Escape', { shiftKey: true }), 'page')).toBeNull();
  });
});

/** A fake element: a tag, attributes, and the selectors its ancestors match. */
function element(tagName: string, attributes: Record<string, string> = {}, inside: string[] = [], isContentEditable = false): ElementLike {
  return {
    tagName,
    isContentEditable,
    getAttribute: (name) => attributes[name] ?? null,
    closest: (selector) => (selector.split(',').some((part) => inside.includes(part.trim())) ? {} : null),
  };
}

describe('placeOf', () => {
  it('tells typing places from pressed controls', () => {
    const cases: [ElementLike | null, FocusPlace][] = [
      [null, 'page'],
      [element('input'), 'editable'],
      [element('INPUT', { type: 'search' }), 'editable'],
      [element('INPUT', { type: 'checkbox' }), 'control'],
      [element('TEXTAREA'), 'editable'],
      [element('SELECT'), 'editable'],
      [element('DIV', {}, [], true), 'editable'],
      [element('BUTTON'), 'control'],
      [element('A', { href: '#' }), 'control'],
      [element('A'), 'page'],
      [element('SPAN', { role: 'button' }), 'control'],
      [element('PRE', { tabindex: '0' }), 'scroller'],
      [element('DIV'), 'page'],
    ];
    for (const [target, place] of cases) expect(placeOf(target)).toBe(place);
  });

  it('knows the grid, composite widgets and dialogs by their ancestors', () => {
    expect(placeOf(element('DIV', {}, ['.ag-root-wrapper']))).toBe('grid');
    expect(placeOf(element('INPUT', {}, ['.ag-root-wrapper']))).toBe('editable');
    expect(placeOf(element('BUTTON', {}, ['[role="menu"]']))).toBe('editable');
    expect(placeOf(element('BUTTON', {}, ['.dialog']))).toBe('dialog');
    expect(placeOf(element('INPUT', {}, ['[role="dialog"]']))).toBe('dialog');
  });
});
