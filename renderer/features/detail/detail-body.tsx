/**
 * The entry itself: message (search hits marked), fields, event data and the raw text, all as
 * plain text with hidden characters (bidi controls, escapes, NULs) shown as markers. Huge text is
 * shown up to a limit, with a note: laying out a 10 MB line would freeze the window. "Copy as
 * text" copies the exact, whole text.
 */
import type { EventDetail } from '../../../shared/model/log-event';
import { clipText, clipWithNote } from '../../../shared/text/clip-text';
import { formatCount } from '../../format';
import { Highlighted } from '../search/highlighted';
import { VisibleText } from '../text/visible-text';
import { detailData, detailFields } from './detail-text';

/** Characters of the message and of the raw text shown (a fraction of a second to lay out). */
export const DETAIL_TEXT_LIMIT = 100_000;
/** Characters of one field or event data value shown (table cells lay out long runs slowest). */
export const DETAIL_VALUE_LIMIT = 10_000;

export interface DetailBodyProps {
  detail: EventDetail;
  /** The current search's patterns, marked in the message. */
  highlight: readonly RegExp[];
}

/** Says how much of a long text the pane leaves out, and where the whole of it is. */
function CutNote({ cut, what }: { cut: number; what: string }) {
  if (cut === 0) return null;
  return (
    <p className="muted detail-cut" data-testid="detail-cut">
      The first {formatCount(DETAIL_TEXT_LIMIT)} characters of the {what}; {formatCount(cut)} more are not shown. Copy as text or an export has them all.
    </p>
  );
}

export function DetailBody({ detail, highlight }: DetailBodyProps) {
  const data = detailData(detail);
  const message = clipText(detail.message, DETAIL_TEXT_LIMIT);
  const raw = clipText(detail.raw, DETAIL_TEXT_LIMIT);
  // Binary records and XML exports keep the event's XML; text formats the line(s) read.
  const rawTitle = detail.raw.trimStart().startsWith('<') ? 'Record XML' : 'Raw text';
  return (
    <div className="detail-body">
      {detail.unparsedReason && (
        <p className="unparsed-reason">
          Not parsed: <VisibleText text={detail.unparsedReason} />
        </p>
      )}
      <pre className="detail-message" data-testid="detail-message">
        <Highlighted text={message.text} patterns={highlight} />
      </pre>
      <CutNote cut={message.cut} what="message" />
      <dl className="detail-fields" data-testid="detail-fields">
        {detailFields(detail).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              <VisibleText text={clipWithNote(value, DETAIL_VALUE_LIMIT)} />
            </dd>
          </div>
        ))}
      </dl>
      {data.length > 0 && (
        <>
          <h3>Event data</h3>
          <table className="detail-data" data-testid="detail-data">
            <thead>
              <tr>
                <th scope="col">{Array.isArray(detail.data) ? '#' : 'Name'}</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {data.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">
                    <VisibleText text={clipWithNote(name, DETAIL_VALUE_LIMIT)} />
                  </th>
                  <td>
                    <VisibleText text={clipWithNote(value, DETAIL_VALUE_LIMIT)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {detail.raw !== '' && (
        <>
          <h3>{rawTitle}</h3>
          {/* Focusable so a keyboard user can scroll it. */}
          <pre className="detail-raw" data-testid="detail-raw" tabIndex={0} aria-label={rawTitle}>
            <VisibleText text={raw.text} />
          </pre>
          <CutNote cut={raw.cut} what={rawTitle.toLowerCase()} />
        </>
      )}
    </div>
  );
}
