/** Everything about the selected entry, as plain text (log content is never treated as HTML). */
import { useEffect, useState } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import type { KbRuleInfo } from '../../../shared/model/kb';
import type { EventDetail } from '../../../shared/model/log-event';
import { KbSection } from '../kb/kb-section';
import { SEVERITY_ICONS, SEVERITY_LABELS } from '../../../shared/model/severity';
import { formatTime } from '../../format';

export interface DetailPaneProps {
  api: LogsiftApi;
  eventId: number;
  /** Re-read when stored entries change (a rule change reclassifies the entry). */
  dataVersion: number;
  kbRules: ReadonlyMap<string, KbRuleInfo>;
  onMarkBenign(): void;
  onClose(): void;
}

export function DetailPane({ api, eventId, dataVersion, kbRules, onMarkBenign, onClose }: DetailPaneProps) {
  const [detail, setDetail] = useState<EventDetail | null | undefined>(undefined);
  useEffect(() => setDetail(undefined), [eventId]);
  useEffect(() => {
    let live = true;
    api.getEvent(eventId).then((event) => live && setDetail(event), () => live && setDetail(null));
    return () => {
      live = false;
    };
  }, [api, eventId, dataVersion]);

  return (
    <aside className="detail-pane" data-testid="detail-pane" aria-label="Entry details">
      <header>
        <h2>Entry details</h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      {detail === undefined && <p className="muted">Loading…</p>}
      {detail === null && <p className="muted">This entry is no longer loaded.</p>}
      {detail?.kb && <KbSection kb={detail.kb} info={kbRules.get(detail.kb.rule)} />}
      {detail && !detail.unparsed && (
        <p>
          <button type="button" onClick={onMarkBenign} data-testid="detail-mark-benign">
            Mark as benign…
          </button>
        </p>
      )}
      {detail && <DetailBody detail={detail} />}
    </aside>
  );
}

function DetailBody({ detail }: { detail: EventDetail }) {
  const fields: [string, string][] = [
    ['Time', formatTime(detail.time)],
    ['Level', detail.unparsed ? 'Unparsed' : `${SEVERITY_ICONS[detail.level]} ${SEVERITY_LABELS[detail.level]}`],
    ['Source', detail.provider ?? ''],
    ['Event ID', detail.eventId === null ? '' : String(detail.eventId)],
    ['Category', detail.category ?? ''],
    ['Computer', detail.computer ?? ''],
    ['User', detail.user ?? ''],
    ['Channel', detail.channel ?? ''],
    ['Record ID', detail.recordId === null ? '' : String(detail.recordId)],
    ['File', `${detail.file} (line ${detail.line})`],
    ['Format', detail.format],
  ];
  const data = detail.data === null ? [] : Array.isArray(detail.data) ? detail.data.map((v, i) => [`%${i + 1}`, v] as const) : Object.entries(detail.data);
  return (
    <div className="detail-body">
      {detail.unparsedReason && <p className="unparsed-reason">Not parsed: {detail.unparsedReason}</p>}
      <pre className="detail-message" data-testid="detail-message">
        {detail.message}
      </pre>
      <dl className="detail-fields">
        {fields
          .filter(([, value]) => value !== '')
          .map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {data.length > 0 && (
        <>
          <h3>Data</h3>
          <dl className="detail-fields">
            {data.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <h3>Raw</h3>
      <pre className="detail-raw">{detail.raw}</pre>
    </div>
  );
}
