/** Everything about the selected entry, as plain text (log content is never treated as HTML). */
import { useEffect, useState } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import type { KbRuleInfo } from '../../../shared/model/kb';
import type { EventDetail } from '../../../shared/model/log-event';
import { clipWithNote } from '../../../shared/text/clip-text';
import { KbSection } from '../kb/kb-section';
import { VisibleText } from '../text/visible-text';
import { DETAIL_VALUE_LIMIT, DetailBody } from './detail-body';
import { CopyButton } from './copy-button';
import { detailSummary } from './detail-text';
import './detail.css';

export interface DetailPaneProps {
  api: LogsiftApi;
  eventId: number;
  /** Re-read when stored entries change (a rule change reclassifies the entry, a bookmark changes). */
  dataVersion: number;
  kbRules: ReadonlyMap<string, KbRuleInfo>;
  onMarkBenign(): void;
  onClose(): void;
  /** The current search's patterns (highlightPatterns), marked in the message. */
  highlight?: readonly RegExp[];
  /** Select the previous / next row of the grid; the button is disabled when absent (first / last row). */
  onPrev?(): void;
  onNext?(): void;
  /** Bookmark or un-bookmark the entry; no button when absent. */
  onToggleBookmark?(): void;
  /** Write or change the bookmark's comment; no button when absent. */
  onEditComment?(): void;
}

const NO_PATTERNS: readonly RegExp[] = [];

export function DetailPane(props: DetailPaneProps) {
  const { api, eventId, dataVersion, kbRules, onMarkBenign, onClose, highlight = NO_PATTERNS, onPrev, onNext } = props;
  // The entry last read, with its id: while the next one loads the old one stays, dimmed, so
  // stepping through rows with j/k does not flash "Loading…" each time.
  const [loaded, setLoaded] = useState<{ id: number; detail: EventDetail | null } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api.getEvent(eventId).then(
      (event) => live && setLoaded({ id: eventId, detail: event }),
      () => live && setLoaded({ id: eventId, detail: null }),
    );
    return () => {
      live = false;
    };
  }, [api, eventId, dataVersion]);

  const stale = loaded !== undefined && loaded.id !== eventId;
  const detail = loaded?.detail;
  const kbInfo = detail?.kb ? kbRules.get(detail.kb.rule) : undefined;

  return (
    <aside className="detail-pane" data-testid="detail-pane" aria-label="Entry details" aria-busy={loaded === undefined || stale}>
      <header className="detail-header">
        <h2>Entry details</h2>
        <div className="detail-actions">
          <button type="button" onClick={onPrev} disabled={!onPrev} aria-label="Previous entry" title="Previous entry (k)" data-testid="detail-prev">
            ‹
          </button>
          <button type="button" onClick={onNext} disabled={!onNext} aria-label="Next entry" title="Next entry (j)" data-testid="detail-next">
            ›
          </button>
          <CopyButton text={() => (detail && !stale ? detailSummary(detail, kbInfo) : null)} resetKey={eventId} />
          <button type="button" onClick={onClose} aria-label="Close details" title="Close (Esc)">
            ✕
          </button>
        </div>
      </header>
      {loaded === undefined && <p className="muted">Loading…</p>}
      {detail === null && !stale && <p className="muted">This entry is no longer loaded.</p>}
      {detail && (
        <div className={stale ? 'detail-content stale' : 'detail-content'}>
          {detail.kb && <KbSection kb={detail.kb} info={kbInfo} />}
          <EntryActions detail={detail} onMarkBenign={onMarkBenign} onToggleBookmark={props.onToggleBookmark} onEditComment={props.onEditComment} />
          <DetailBody detail={detail} highlight={highlight} />
        </div>
      )}
    </aside>
  );
}

/** Mark as benign, and the bookmark with its comment. */
interface EntryActionsProps extends Pick<DetailPaneProps, 'onMarkBenign' | 'onToggleBookmark' | 'onEditComment'> {
  detail: EventDetail;
}

function EntryActions({ detail, onMarkBenign, onToggleBookmark, onEditComment }: EntryActionsProps) {
  const bookmarked = detail.bookmark !== null;
  return (
    <>
      {bookmarked && (
        <section className="detail-bookmark" data-testid="detail-bookmark" aria-label="Bookmark">
          <span className="bookmark-star" aria-hidden="true">
            ★
          </span>{' '}
          {detail.bookmark ? (
            <span className="bookmark-comment">
              <VisibleText text={clipWithNote(detail.bookmark, DETAIL_VALUE_LIMIT)} />
            </span>
          ) : (
            <span className="muted">Bookmarked, no comment</span>
          )}
        </section>
      )}
      <p className="detail-entry-actions">
        {!detail.unparsed && (
          <button type="button" onClick={onMarkBenign} data-testid="detail-mark-benign">
            Mark as benign…
          </button>
        )}
        {onToggleBookmark && (
          <button type="button" onClick={onToggleBookmark} aria-pressed={bookmarked} title="Bookmark (b)" data-testid="detail-bookmark-toggle">
            {bookmarked ? '★ Bookmarked' : '☆ Bookmark'}
          </button>
        )}
        {onEditComment && (
          <button type="button" onClick={onEditComment} title="Comment (c)" data-testid="detail-comment">
            {bookmarked && detail.bookmark !== '' ? 'Edit comment…' : 'Comment…'}
          </button>
        )}
      </p>
    </>
  );
}
