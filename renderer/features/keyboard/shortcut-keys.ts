/**
 * Which key does what, as pure functions of the key and of where focus is, so the rules can be
 * tested without a page: typing in a box never triggers a one-letter shortcut, the grid keeps its
 * own arrow keys (ag-grid moves its focused cell on them), and dialogs handle their own keys.
 */

export const SHORTCUT_ACTIONS = [
  'focusSearch',
  'openFile',
  'nextRow',
  'prevRow',
  'firstRow',
  'lastRow',
  'toggleDetail',
  'toggleBookmark',
  'comment',
  'export',
  'escape',
  'help',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

/**
 * Where the key was pressed:
 * - editable: a text box, select or composite widget (menu, listbox) that uses letters and arrows itself;
 * - control: a button, link or checkbox, where Space means "press";
 * - scroller: a focused scrolling block (the detail pane's raw text), which arrows and Space scroll;
 * - grid: inside ag-grid, which handles arrows, Space (select), Home/End, PageUp/PageDown;
 * - dialog: a modal or popover dialog, which handles its own keys;
 * - page: anywhere else.
 */
export type FocusPlace = 'editable' | 'control' | 'scroller' | 'grid' | 'dialog' | 'page';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Ctrl, or Cmd on macOS: the "command" modifier of the platform. */
function command(press: KeyPress): boolean {
  return press.ctrlKey || press.metaKey;
}

/** Shortcuts with the command key: they cannot be typed text, so they work in text boxes too. */
function commandShortcut(press: KeyPress): ShortcutAction | null {
  if (press.altKey) return null;
  const key = press.key.toLowerCase();
  if (key === 'f' && !press.shiftKey) return 'focusSearch';
  if (key === 'o' && !press.shiftKey) return 'openFile';
  if (key === 'e' && press.shiftKey) return 'export';
  return null;
}

/** Single keys; only where they are not typing, pressing a control or moving in the grid. */
const PLAIN_KEYS: Readonly<Record<string, ShortcutAction>> = {
  '/': 'focusSearch',
  '?': 'help',
  j: 'nextRow',
  k: 'prevRow',
  ArrowDown: 'nextRow',
  ArrowUp: 'prevRow',
  g: 'firstRow',
  G: 'lastRow',
  ' ': 'toggleDetail',
  b: 'toggleBookmark',
  c: 'comment',
};

/** Keys a place keeps for itself (its own meaning wins over the shortcut). */
const OWNED_KEYS: Readonly<Record<'control' | 'scroller' | 'grid', ReadonlySet<string>>> = {
  control: new Set([' ']),
  scroller: new Set(['ArrowDown', 'ArrowUp', ' ']),
  // Space stays a shortcut in the grid: ag-grid selects the focused row with it, and the detail
  // pane opening on that same row is what the user means.
  grid: new Set(['ArrowDown', 'ArrowUp']),
};

/** The action for a key press at a place, or null when the key is not a shortcut there. */
export function shortcutFor(press: KeyPress, place: FocusPlace): ShortcutAction | null {
  if (place === 'dialog') return null;
  if (command(press)) return commandShortcut(press);
  if (press.key === 'Escape') return press.altKey || press.shiftKey ? null : 'escape';
  if (place === 'editable' || press.altKey) return null;
  if (place !== 'page' && OWNED_KEYS[place].has(press.key)) return null;
  return PLAIN_KEYS[press.key] ?? null;
}

/** The part of a DOM element placeOf reads, so tests can pass plain objects. */
export interface ElementLike {
  tagName: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
}

const DIALOG = '[role="dialog"], [role="alertdialog"], [aria-modal="true"], .dialog';
const COMPOSITE = '[role="menu"], [role="menubar"], [role="listbox"], [role="tablist"], [role="radiogroup"], [role="tree"], [role="combobox"]';
const GRID = '.ag-root-wrapper';
const CONTROL_ROLES = new Set(['button', 'checkbox', 'switch', 'link', 'menuitem', 'tab', 'option']);
/** Inputs that are pressed, not typed in. */
const PRESSED_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'file', 'image', 'color']);

export function placeOf(element: ElementLike | null): FocusPlace {
  if (!element) return 'page';
  if (element.closest(DIALOG)) return 'dialog';
  const tag = element.tagName.toUpperCase();
  if (tag === 'INPUT') return PRESSED_INPUTS.has((element.getAttribute('type') ?? 'text').toLowerCase()) ? 'control' : 'editable';
  if (tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable) return 'editable';
  if (element.closest(COMPOSITE)) return 'editable';
  if (element.closest(GRID)) return 'grid';
  if (tag === 'BUTTON' || tag === 'SUMMARY' || (tag === 'A' && element.getAttribute('href') !== null)) return 'control';
  if (CONTROL_ROLES.has(element.getAttribute('role') ?? '')) return 'control';
  // Only a focusable <pre> can have focus: it is there to be scrolled from the keyboard.
  if (tag === 'PRE') return 'scroller';
  return 'page';
}

/** The list the help overlay shows, in the order it shows it. */
export const SHORTCUT_HELP: readonly { keys: readonly string[]; description: string }[] = [
  { keys: ['Ctrl+F', '/'], description: 'Search (focus the search box)' },
  { keys: ['Ctrl+O'], description: 'Open a file' },
  { keys: ['j', '↓'], description: 'Next entry' },
  { keys: ['k', '↑'], description: 'Previous entry' },
  { keys: ['g'], description: 'First entry' },
  { keys: ['G'], description: 'Last entry' },
  { keys: ['Space'], description: 'Show or hide the detail pane' },
  { keys: ['b'], description: 'Bookmark the selected entry, or remove its bookmark' },
  { keys: ['c'], description: 'Comment on the selected entry' },
  { keys: ['Ctrl+Shift+E'], description: 'Export the view' },
  { keys: ['Esc'], description: 'Close popovers and the detail pane' },
  { keys: ['?'], description: 'Show this list' },
];

/** Keys of the search box itself. */
export const SEARCH_KEY_HELP: readonly { keys: readonly string[]; description: string }[] = [
  { keys: ['Enter'], description: 'Stack the search as a filter chip' },
  { keys: ['Alt+Enter'], description: 'Stack it as an exclude chip' },
  { keys: ['Backspace'], description: 'In an empty box: remove the last chip' },
  { keys: ['↓', '↑'], description: 'Recent searches' },
  { keys: ['Delete'], description: 'Forget the highlighted recent search' },
];
