/**
 * Log text on screen, with hidden characters (bidi controls, escapes, NULs, zero-width
 * characters) shown as markers that are styled apart from the text around them, so a literal
 * "␛" typed into a log cannot pass for a real escape. React text nodes only, never HTML.
 * The pure part is shared/text/visible-text.ts; use visibleText() where only a string will do
 * (attributes, tooltips, the grid's plain cells).
 */
import { useMemo } from 'react';
import { visibleParts } from '../../../shared/text/visible-text';
import './visible-text.css';

export function VisibleText({ text }: { text: string }) {
  // Memoised: the detail pane's raw text can be megabytes, and the pane re-renders often.
  const parts = useMemo(() => visibleParts(text), [text]);
  if (parts.length === 0) return null;
  if (parts.length === 1 && !parts[0]!.marker) return <>{parts[0]!.text}</>;
  return (
    <>
      {parts.map((part, index) =>
        part.marker ? (
          <span key={index} className="hidden-char">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
