/** What one bucket holds, beside the pointer: its time span, counts per severity, and hidden entries. Text only. */
import { SEVERITY_ICONS, SEVERITY_LABELS } from '../../../shared/model/severity';
import { formatCount } from '../../format';
import type { BucketSummary } from './histogram-plot-data';
import { formatSpan } from './time-labels';

export interface TimelineTooltipProps {
  summary: BucketSummary;
  /** The bucket's centre and the chart's width, in CSS px: the tooltip sits on the roomier side. */
  x: number;
  chartWidth: number;
}

const GAP_PX = 10;

export function TimelineTooltip({ summary, x, chartWidth }: TimelineTooltipProps) {
  const onRight = x < chartWidth / 2;
  const side = onRight ? { left: x + GAP_PX } : { right: chartWidth - x + GAP_PX };
  return (
    <div className="timeline-tooltip" role="tooltip" data-testid="timeline-tooltip" style={side}>
      <div className="timeline-tooltip-span">{formatSpan(summary.start, summary.end)} UTC</div>
      <table>
        <tbody>
          {summary.bySeverity.map(({ severity, count }) => (
            <tr key={severity}>
              <td className={`timeline-tooltip-icon sev-${severity}`} aria-hidden="true">
                {SEVERITY_ICONS[severity]}
              </td>
              <td>{SEVERITY_LABELS[severity]}</td>
              <td className="count">{formatCount(count)}</td>
            </tr>
          ))}
          {summary.bySeverity.length === 0 && (
            <tr>
              <td />
              <td className="muted">No shown entries</td>
              <td />
            </tr>
          )}
          {summary.hidden > 0 && (
            <tr className="timeline-tooltip-hidden">
              <td aria-hidden="true">
                <span className="timeline-swatch hidden-swatch" />
              </td>
              <td>Hidden by KB</td>
              <td className="count">{formatCount(summary.hidden)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
