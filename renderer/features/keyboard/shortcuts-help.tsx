/** The "?" overlay: every keyboard shortcut, in a modal that Escape or a click outside closes. */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { SEARCH_KEY_HELP, SHORTCUT_HELP } from './shortcut-keys';
import './shortcuts.css';

export interface ShortcutsHelpProps {
  onClose(): void;
}

export function ShortcutsHelp({ onClose }: ShortcutsHelpProps) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  // Focus moves into the dialog and back to where it was when the dialog closes.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      // The close button is the only focusable element: keep focus in the dialog.
      event.preventDefault();
      closeButton.current?.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="dialog shortcuts-help" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="shortcuts-help">
        <header>
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button ref={closeButton} type="button" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="shortcuts-columns">
          <ShortcutTable caption="Anywhere but a text box" rows={SHORTCUT_HELP} />
          <ShortcutTable caption="In the search box" rows={SEARCH_KEY_HELP} />
        </div>
        <p className="muted">On macOS, Cmd works wherever Ctrl is shown.</p>
      </div>
    </div>
  );
}

function ShortcutTable({ caption, rows }: { caption: string; rows: typeof SHORTCUT_HELP }) {
  return (
    <table className="shortcuts-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.description}>
            <th scope="row">
              {row.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && <span className="muted"> or </span>}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </th>
            <td>{row.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
