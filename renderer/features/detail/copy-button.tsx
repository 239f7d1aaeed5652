/** "Copy as text": puts a plain-text summary on the clipboard and says so for a moment. */
import { useEffect, useState } from 'react';
import { copyText } from './copy-text';

export interface CopyButtonProps {
  /** The text to copy, read on click; null while there is nothing to copy. */
  text(): string | null;
  /** The confirmation clears when this changes (another entry is shown). */
  resetKey: unknown;
}

type CopyState = 'idle' | 'copied' | 'failed';

const CONFIRMATION_MS = 2_000;

export function CopyButton({ text, resetKey }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => setState('idle'), [resetKey]);
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    const value = text();
    if (value === null) return;
    copyText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <>
      <button type="button" onClick={copy} title="Copy a plain-text summary for a ticket" data-testid="detail-copy">
        Copy as text
      </button>
      <span className={`copy-status ${state}`} role="status" data-testid="detail-copy-status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </>
  );
}
