/**
 * The timeline's plot: a uPlot canvas of stacked bars, with the selected range and the hovered
 * bucket as overlays inside uPlot's event layer. uPlot owns its DOM; React only feeds it data, size
 * and theme, and hears back drags, hovers and double-clicks.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Histogram } from '../../../shared/model/triage';
import { chartOptions } from './chart-options';
import { bucketEnd, bucketIndexAt, countAxisMax, toPlotData, type TimeRange } from './histogram-plot-data';
import type { ColorScheme } from './use-color-scheme';

export interface BucketHover {
  index: number;
  /** The bucket's centre, in CSS px from the chart's left edge (for placing the tooltip). */
  x: number;
}

export interface HistogramChartProps {
  histogram: Histogram;
  /** KB-hidden entries are shown in the grid, so the count axis fits them too. */
  hiddenShown: boolean;
  theme: ColorScheme;
  width: number;
  height: number;
  range: TimeRange | null;
  onRange(range: TimeRange): void;
  onClear(): void;
  onHover(hover: BucketHover | null): void;
}

interface Overlays {
  range: HTMLDivElement;
  hover: HTMLDivElement;
}

function overlay(className: string): HTMLDivElement {
  const element = document.createElement('div');
  element.className = className;
  element.style.display = 'none';
  return element;
}

/** Positions `element` over [from, to) on the x scale, clamped to the plot. */
function placeSpan(chart: uPlot, element: HTMLElement, span: TimeRange | null): void {
  if (!span) {
    element.style.display = 'none';
    return;
  }
  const plotWidth = chart.over.clientWidth;
  const left = Math.min(plotWidth, Math.max(0, chart.valToPos(span.from, 'x')));
  const right = Math.min(plotWidth, Math.max(0, chart.valToPos(span.to, 'x')));
  element.style.display = '';
  element.style.left = `${left}px`;
  // Never thinner than 2 px, so a range outside the plotted span still shows at its edge.
  element.style.width = `${Math.max(2, right - left)}px`;
}

export function HistogramChart(props: HistogramChartProps) {
  const { histogram, hiddenShown, theme, width, height, range } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const overlaysRef = useRef<Overlays | null>(null);
  // uPlot's hooks are bound once per chart; they read the latest props through this ref.
  const latest = useRef(props);
  latest.current = props;
  const plotData = useMemo(() => toPlotData(histogram), [histogram]);
  const plotDataRef = useRef(plotData);
  plotDataRef.current = plotData;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const overlays: Overlays = { range: overlay('timeline-range'), hover: overlay('timeline-hover') };
    let hovered: number | null = null;
    let chart: uPlot | null = null;

    const hoverBucket = (index: number | null) => {
      const current = latest.current.histogram;
      const span = index === null ? null : { from: current.starts[index] ?? current.from, to: bucketEnd(current, index) };
      if (chart) placeSpan(chart, overlays.hover, span);
      if (index === hovered) return;
      hovered = index;
      if (index === null || !chart || !span) latest.current.onHover(null);
      else latest.current.onHover({ index, x: chart.over.offsetLeft + (chart.valToPos(span.from, 'x') + chart.valToPos(span.to, 'x')) / 2 });
    };

    chart = new uPlot(
      chartOptions(theme, latest.current.width, height, {
        histogram: () => latest.current.histogram,
        countAxisMax: () => countAxisMax(latest.current.histogram, latest.current.hiddenShown),
        onSelect: (selected) => latest.current.onRange(selected),
        onHoverBucket: hoverBucket,
        onDraw: (drawn) => {
          placeSpan(drawn, overlays.range, latest.current.range);
          // New data or a new size moves the buckets under a pointer that did not move.
          const left = drawn.cursor.left ?? -1;
          if (left >= 0) hoverBucket(bucketIndexAt(latest.current.histogram, drawn.posToVal(left, 'x')));
        },
      }),
      plotDataRef.current,
      host,
    );
    const surface = chart.over;
    surface.append(overlays.range, overlays.hover);
    surface.dataset.testid = 'timeline-plot';
    // Focusable, so Escape reaches the timeline right after a drag (a press focuses it natively).
    surface.tabIndex = 0;
    surface.setAttribute('aria-label', 'Entries over time. Drag across to select a time range; Escape or double-click clears it.');
    surface.addEventListener('dblclick', () => latest.current.onClear());
    placeSpan(chart, overlays.range, latest.current.range);
    chartRef.current = chart;
    overlaysRef.current = overlays;
    return () => {
      chart?.destroy();
      chartRef.current = null;
      overlaysRef.current = null;
      latest.current.onHover(null);
    };
  }, [theme, height]);

  // setData also rescales, which picks up a change of what the count axis fits.
  useEffect(() => chartRef.current?.setData(plotData), [plotData, hiddenShown]);
  useEffect(() => chartRef.current?.setSize({ width, height }), [width, height]);
  useEffect(() => {
    const chart = chartRef.current;
    const overlays = overlaysRef.current;
    if (chart && overlays) placeSpan(chart, overlays.range, range);
  }, [range]);

  return <div className="timeline-chart" ref={hostRef} />;
}
