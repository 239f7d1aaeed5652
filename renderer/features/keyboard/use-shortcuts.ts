/**
 * The app's keyboard shortcuts: one keydown listener on the window, after every element had its
 * turn. Which key means what is decided by shortcut-keys.ts; this hook only finds where focus is
 * and calls the handler. A key with no handler is left alone (the browser keeps its meaning).
 */
import { useEffect, useRef } from 'react';
import { placeOf, shortcutFor, type FocusPlace, type ShortcutAction } from './shortcut-keys';

export interface ShortcutContext {
  /** Where focus was: an `escape` from a text box may rather blur it than close the detail pane. */
  place: FocusPlace;
}

export type ShortcutHandlers = Partial<Record<ShortcutAction, (context: ShortcutContext) => void>>;

/** Handlers may be new functions each render: the listener always calls the latest ones. */
export function useShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // Keys that compose text in an input method (CJK and others) are never shortcuts.
      if (event.isComposing) return;
      const place = placeOf(event.target instanceof Element ? event.target : null);
      // Something below already acted on the key (a popover's Escape, the search box's history).
      // ag-grid marks every key it handles, Space too, yet Space is still our shortcut there.
      if (event.defaultPrevented && place !== 'grid') return;
      const action = shortcutFor(event, place);
      const handler = action ? latest.current[action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler({ place });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
