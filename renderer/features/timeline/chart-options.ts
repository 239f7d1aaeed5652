/**
 * uPlot settings for the timeline: stacked bars on a UTC time axis, a compact count axis, and
 * horizontal drag to select (reported through `handlers`, never zooming the chart itself).
 */
import uPlot from 'uplot';
import type { Histogram } from '../../../shared/model/triage';
import { chartColours, hatchPattern } from './chart-colours';
import { DRAW_ORDER, bucketIndexAt, snapRangeToBuckets, type TimeRange } from './histogram-plot-data';
import { formatCompactCount, formatTimeTicks } from './time-labels';
import type { ColorScheme } from './use-color-scheme';

export interface ChartHandlers {
  /** The histogram on screen (read at draw time, so a new one needs no new chart). */
  histogram(): Histogram;
  /** The count the y axis must reach (histogram-plot-data.ts countAxisMax). */
  countAxisMax(): number;
  /** A finished drag, snapped to bucket edges. */
  onSelect(range: TimeRange): void;
  /** The bucket under the pointer, null when it leaves the plot. */
  onHoverBucket(index: number | null): void;
  /** After each redraw, to place overlays that follow the scales. */
  onDraw(chart: uPlot): void;
}

const FONT = '11px system-ui, "Segoe UI", "DejaVu Sans", sans-serif';

/** Whole counts only: the default increments would put 0.5 entries on the axis of a quiet log. */
const COUNT_INCREMENTS = Array.from({ length: 10 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat();

/** Drags shorter than this are clicks (focus), not selections. */
const MIN_DRAG_PX = 3;

const Y_AXIS_PX = 38;
const RIGHT_PADDING_PX = 16;
/** Rough width of an 11 px axis character, to keep tick labels whole. */
const LABEL_CHAR_PX = 6.5;

/**
 * uPlot centres each tick label on its tick, so a tick near either end of the axis gets a label
 * the canvas cuts off; such labels are left out (null) rather than shown clipped.
 */
function fitTickLabels(chart: uPlot, splits: number[], labels: string[]): (string | null)[] {
  const plotWidth = chart.bbox.width / uPlot.pxRatio;
  return labels.map((label, i) => {
    const x = chart.valToPos(splits[i] ?? 0, 'x');
    const half = (label.length * LABEL_CHAR_PX) / 2;
    return x - half < -Y_AXIS_PX || x + half > plotWidth + RIGHT_PADDING_PX ? null : label;
  });
}

export function chartOptions(theme: ColorScheme, width: number, height: number, handlers: ChartHandlers): uPlot.Options {
  const colours = chartColours(theme);
  const hatch = hatchPattern(colours);
  // align 1: a bar starts at its bucket's start and spans the bucket, like the time it counts.
  const bars = uPlot.paths.bars?.({ align: 1, size: [1, Infinity, 1], gap: 1 });
  return {
    width,
    height,
    ms: 1,
    tzDate: (ts) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
    legend: { show: false },
    padding: [6, RIGHT_PADDING_PX, 0, 0],
    cursor: {
      // The hovered bucket is shaded instead of a crosshair line (see histogram-chart.tsx).
      x: false,
      y: false,
      points: { show: false },
      drag: { x: true, y: false, setScale: false, dist: MIN_DRAG_PX },
    },
    scales: {
      x: {
        time: true,
        range: () => {
          const { from, to } = handlers.histogram();
          return [from, to];
        },
      },
      // Headroom above the tallest bar so it never touches the header.
      y: {
        range: () => {
          const max = handlers.countAxisMax();
          return [0, max > 0 ? max * 1.1 : 1];
        },
      },
    },
    axes: [
      {
        stroke: colours.axis,
        font: FONT,
        size: 20,
        gap: 3,
        space: 90,
        ticks: { stroke: colours.axis, size: 3, width: 1 },
        grid: { show: false },
        values: (chart, splits, _axis, _space, increment) => fitTickLabels(chart, splits, formatTimeTicks(splits, increment)),
      },
      {
        stroke: colours.axis,
        font: FONT,
        size: Y_AXIS_PX,
        gap: 4,
        space: 22,
        incrs: COUNT_INCREMENTS,
        ticks: { show: false },
        grid: { stroke: colours.grid, width: 1 },
        values: (_chart, splits) => splits.map(formatCompactCount),
      },
    ],
    series: [
      {},
      ...DRAW_ORDER.map((layer) => ({
        label: layer,
        fill: layer === 'hidden' ? hatch : colours.layer[layer],
        stroke: 'transparent',
        width: 0,
        paths: bars,
        points: { show: false },
      })),
    ],
    hooks: {
      setSelect: [
        (chart) => {
          const { left, width: dragged } = chart.select;
          if (dragged < MIN_DRAG_PX) return;
          const range = snapRangeToBuckets(handlers.histogram(), chart.posToVal(left, 'x'), chart.posToVal(left + dragged, 'x'));
          // The app's range, drawn as our own overlay, replaces uPlot's drag rectangle.
          chart.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          if (range) handlers.onSelect(range);
        },
      ],
      setCursor: [
        (chart) => {
          const left = chart.cursor.left ?? -1;
          handlers.onHoverBucket(left < 0 ? null : bucketIndexAt(handlers.histogram(), chart.posToVal(left, 'x')));
        },
      ],
      draw: [(chart) => handlers.onDraw(chart)],
    },
  };
}
