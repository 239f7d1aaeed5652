/**
 * The toolbar's bookmarks: how many there are, "only bookmarked" as a filter, and the list (each
 * with its comment) to jump to one in the detail pane.
 */
import { useCallback, useRef, useState } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import type { Bookmark } from '../../../shared/model/triage';
import type { SourceInfo } from '../../../shared/model/log-event';
import { clipWithNote } from '../../../shared/text/clip-text';
import { useDismiss } from '../../use-dismiss';
import { VisibleText } from '../text/visible-text';

export interface BookmarksMenuProps {
  api: LogsiftApi;
  sources: SourceInfo[];
  onlyBookmarked: boolean;
  onOnlyBookmarked(only: boolean): void;
  onShow(eventId: number): void;
  onError(message: string): void;
}

export function BookmarksMenu({ api, sources, onlyBookmarked, onOnlyBookmarked, onShow, onError }: BookmarksMenuProps) {
  const [bookmarks, setBookmarks] = useState<Bookmark[] | null>(null);
  const close = useCallback(() => setBookmarks(null), []);
  const anchor = useRef<HTMLDivElement>(null);
  useDismiss(anchor, bookmarks !== null, close);
  const names = new Map(sources.map((source) => [source.id, source.name]));
  const toggle = () => {
    if (bookmarks) close();
    else api.listBookmarks().then(setBookmarks, (error: unknown) => onError(error instanceof Error ? error.message : String(error)));
  };
  return (
    <div className="menu-anchor" ref={anchor}>
      <button type="button" onClick={toggle} aria-expanded={bookmarks !== null} data-testid="bookmarks-button">
        ★ Bookmarks ▾
      </button>
      {bookmarks && (
        <div className="menu bookmarks-menu" role="menu" data-testid="bookmarks-menu">
          <label className="checkbox">
            <input type="checkbox" checked={onlyBookmarked} onChange={(event) => onOnlyBookmarked(event.target.checked)} data-testid="only-bookmarked" />
            Show only bookmarked entries
          </label>
          {bookmarks.length === 0 && <p className="muted">No bookmarks yet: right-click an entry (or press b) to bookmark it.</p>}
          <ul>
            {bookmarks.map((bookmark) => (
              <li key={bookmark.eventId}>
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    onShow(bookmark.eventId);
                    close();
                  }}
                  data-testid="bookmark-item"
                >
                  <span className="bookmark-comment">{bookmark.comment ? <VisibleText text={clipWithNote(bookmark.comment, 500)} /> : '(no comment)'}</span>
                  <span className="muted">
                    <VisibleText text={names.get(bookmark.sourceId) ?? 'closed file'} />, line {bookmark.line}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
