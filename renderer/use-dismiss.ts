/** Closes a popover when the user presses Escape or clicks anywhere outside its anchor. */
import { useEffect, type RefObject } from 'react';

export function useDismiss(anchor: RefObject<HTMLElement | null>, open: boolean, onClose: () => void): void {
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      // The anchor holds the toggle too: a press on it is the toggle's business, not a dismissal.
      if (event.target instanceof Node && !anchor.current?.contains(event.target)) onClose();
    };
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [anchor, open, onClose]);
}
