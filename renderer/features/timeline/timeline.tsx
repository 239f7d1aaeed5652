/**
 * Entries over time for the current filter, above the grid: stacked bars by severity plus the
 * KB-hidden entries as a hatched band. Dragging selects a time range (snapped to buckets) for the
 * app to filter by; the whole span stays plotted with the range drawn over it.
 */
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { LogsiftClient } from '../../../shared/api';
import type { EventQuery } from '../../../shared/model/query';
import { HistogramChart, type BucketHover } from './histogram-chart';
import { bucketCountForWidth, bucketSummary, hasTimedEntries, wholeSpanQuery, type TimeRange } from './histogram-plot-data';
import { TimelineHeader } from './timeline-header';
import { TimelineTooltip } from './timeline-tooltip';
import { useColorScheme } from './use-color-scheme';
import { useElementWidth } from './use-element-width';
import { useLiveResult } from './use-live-result';
import './timeline.css';

export interface TimelineProps {
  client: LogsiftClient;
  query: EventQuery;
  /** The store's version (eventsChanged): a change recounts. */
  dataVersion: number;
  /** The selected range (from inclusive, to exclusive, ms UTC), null for none. */
  range: TimeRange | null;
  onRange(range: TimeRange | null): void;
}

/** The plot's height in CSS px; with the header, the box keeps the fixed height set in timeline.css. */
const PLOT_HEIGHT = 86;

export function Timeline({ client, query, dataVersion, range, onRange }: TimelineProps) {
  const theme = useColorScheme();
  const [bodyRef, width] = useElementWidth<HTMLDivElement>();
  const [hover, setHover] = useState<BucketHover | null>(null);
  const buckets = bucketCountForWidth(width);
  const histogramQuery = useMemo(() => wholeSpanQuery(query), [query]);
  const requestKey = buckets > 0 ? JSON.stringify([histogramQuery, buckets]) : null;
  const { data: histogram, error, pending } = useLiveResult(requestKey, () => client.getHistogram(histogramQuery, buckets), dataVersion);

  const clear = useCallback(() => onRange(null), [onRange]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && range) {
      event.stopPropagation();
      clear();
    }
  };

  const plotted = !error && histogram !== null && hasTimedEntries(histogram) ? histogram : null;
  const hovered = plotted && hover && hover.index < plotted.starts.length ? bucketSummary(plotted, hover.index) : null;
  return (
    <section
      className="timeline"
      data-testid="timeline"
      data-range-from={range?.from}
      data-range-to={range?.to}
      aria-label="Timeline"
      onKeyDown={onKeyDown}
    >
      <TimelineHeader histogram={error ? null : histogram} range={range} pending={pending && !error} onClear={clear} />
      <div className="timeline-body" ref={bodyRef}>
        {plotted ? (
          <HistogramChart
            histogram={plotted}
            hiddenShown={query.showHidden === true}
            theme={theme}
            width={width}
            height={PLOT_HEIGHT}
            range={range}
            onRange={onRange}
            onClear={clear}
            onHover={setHover}
          />
        ) : (
          <p className={`timeline-message${error ? ' error' : ''}`} role={error ? 'alert' : undefined} data-testid="timeline-message">
            {error ? `The timeline could not be drawn: ${error}` : histogram === null ? 'Loading timeline…' : 'No timed entries for this filter'}
          </p>
        )}
      </div>
      {hovered && hover && <TimelineTooltip summary={hovered} x={hover.x} chartWidth={width} />}
    </section>
  );
}
