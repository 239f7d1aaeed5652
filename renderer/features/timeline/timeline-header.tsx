/**
 * The timeline's top line: its title, a legend of the bands on screen, entries without a time,
 * and the selected range with its clear button (or a hint on how to select one).
 */
import { SEVERITY_LABELS } from '../../../shared/model/severity';
import type { Histogram } from '../../../shared/model/triage';
import { formatCount } from '../../format';
import { presentLayers, type TimeRange } from './histogram-plot-data';
import { formatSpan } from './time-labels';

export interface TimelineHeaderProps {
  histogram: Histogram | null;
  range: TimeRange | null;
  /** The counts on screen are for an earlier filter; new ones are on their way. */
  pending: boolean;
  onClear(): void;
}

export function TimelineHeader({ histogram, range, pending, onClear }: TimelineHeaderProps) {
  const layers = histogram ? presentLayers(histogram) : [];
  return (
    <div className="timeline-header">
      <span className="timeline-title">
        Timeline <span className="muted">(UTC)</span>
      </span>
      <ul className="timeline-legend" aria-label="Legend">
        {layers.map((layer) => (
          <li key={layer}>
            <span className={`timeline-swatch ${layer === 'hidden' ? 'hidden-swatch' : `sev-${layer}`}`} aria-hidden="true" />
            {layer === 'hidden' ? 'Hidden by KB' : SEVERITY_LABELS[layer]}
          </li>
        ))}
      </ul>
      {histogram && histogram.untimed > 0 && (
        <span className="muted timeline-untimed" title="Entries the filter shows that have no time are not on the timeline.">
          {formatCount(histogram.untimed)} without time
        </span>
      )}
      {pending && <span className="muted timeline-pending">updating…</span>}
      {range ? (
        <span className="timeline-range-label" data-testid="timeline-range">
          <span title="Selected time range (UTC)">{formatSpan(range.from, range.to)}</span>
          <button type="button" className="timeline-clear" onClick={onClear} aria-label="Clear time range" title="Clear time range (Esc)">
            ×
          </button>
        </span>
      ) : (
        <span className="muted timeline-hint">Drag to select a time range</span>
      )}
    </div>
  );
}
