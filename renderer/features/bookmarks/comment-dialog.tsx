/** Writes or edits the comment on a bookmarked entry; saving bookmarks the entry if it was not. */
import { useEffect, useRef, useState } from 'react';
import { VisibleText } from '../text/visible-text';

export interface CommentDialogProps {
  /** What the entry says, to remind the user which one this is (shown as text). */
  summary: string;
  initial: string;
  onSave(comment: string): void;
  onCancel(): void;
}

export function CommentDialog({ summary, initial, onSave, onCancel }: CommentDialogProps) {
  const [comment, setComment] = useState(initial);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={(event) => event.target === event.currentTarget && onCancel()}>
      <form
        className="dialog comment-dialog"
        role="dialog"
        aria-label="Bookmark comment"
        data-testid="comment-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onSave(comment.trim());
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
          // Ctrl+Enter saves from inside the text area, as in most ticket tools.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) onSave(comment.trim());
        }}
      >
        <header>
          <h2>Bookmark comment</h2>
        </header>
        <p className="muted comment-summary">
          <VisibleText text={summary} />
        </p>
        <textarea ref={field} rows={4} value={comment} maxLength={10_000} onChange={(event) => setComment(event.target.value)} data-testid="comment-text" />
        <p className="muted">Saved beside the log file (FILE.logsift.json), so it is there when the file is opened again.</p>
        <footer>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="comment-save">
            Save
          </button>
        </footer>
      </form>
    </div>
  );
}
