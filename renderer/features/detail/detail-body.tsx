/** The entry itself: message (search hits marked), fields, event data and the raw text, all as plain text. */
import type { EventDetail } from '../../../shared/model/log-event';
import { Highlighted } from '../search/highlighted';
import { detailData, detailFields } from './detail-text';

export interface DetailBodyProps {
  detail: EventDetail;
  /** The current search's patterns, marked in the message. */
  highlight: readonly RegExp[];
}

export function DetailBody({ detail, highlight }: DetailBodyProps) {
  const data = detailData(detail);
  // Binary records and XML exports keep the event's XML; text formats the line(s) read.
  const rawTitle = detail.raw.trimStart().startsWith('<') ? 'Record XML' : 'Raw text';
  return (
    <div className="detail-body">
      {detail.unparsedReason && <p className="unparsed-reason">Not parsed: {detail.unparsedReason}</p>}
      <pre className="detail-message" data-testid="detail-message">
        <Highlighted text={detail.message} patterns={highlight} />
      </pre>
      <dl className="detail-fields" data-testid="detail-fields">
        {detailFields(detail).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
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
                  <th scope="row">{name}</th>
                  <td>{value}</td>
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
            {detail.raw}
          </pre>
        </>
      )}
    </div>
  );
}
