/**
 * Colours the canvas needs as values (a canvas cannot read CSS variables). Bars use the shared
 * severity palette's accents, the same colours as the level column; the chrome mirrors the
 * --muted/--border values of renderer/styles.css for each theme.
 */
import { SEVERITIES, SEVERITY_PALETTE } from '../../../shared/model/severity';
import type { StackLayer } from './histogram-plot-data';
import type { ColorScheme } from './use-color-scheme';

export interface ChartColours {
  /** Axis labels and ticks. */
  axis: string;
  /** Horizontal grid lines. */
  grid: string;
  /** Stripes and wash of the KB-hidden band: greyed like hidden rows, hatched so it never reads as a severity. */
  hiddenStripe: string;
  hiddenWash: string;
  layer: Readonly<Record<Exclude<StackLayer, 'hidden'>, string>>;
}

export function chartColours(theme: ColorScheme): ChartColours {
  const layer = Object.fromEntries(SEVERITIES.map((severity) => [severity, SEVERITY_PALETTE[theme][severity].accent])) as ChartColours['layer'];
  return theme === 'dark'
    ? { axis: '#9aa0a6', grid: 'rgba(255, 255, 255, 0.08)', hiddenStripe: '#8a9099', hiddenWash: 'rgba(138, 144, 153, 0.18)', layer }
    : { axis: '#6b7280', grid: 'rgba(0, 0, 0, 0.08)', hiddenStripe: '#9aa0a6', hiddenWash: 'rgba(154, 160, 166, 0.16)', layer };
}

/** Diagonal stripes over a light wash, as a canvas fill. */
export function hatchPattern(colours: ChartColours): CanvasPattern | string {
  const size = 6 * Math.max(1, Math.round(window.devicePixelRatio || 1));
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  if (!ctx) return colours.hiddenStripe;
  ctx.fillStyle = colours.hiddenWash;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = colours.hiddenStripe;
  ctx.lineWidth = size / 4;
  ctx.beginPath();
  // The stripe and its neighbours' corners, so the tiles join into continuous diagonals.
  for (const offset of [-size, 0, size]) {
    ctx.moveTo(offset, size);
    ctx.lineTo(offset + size, 0);
  }
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? colours.hiddenStripe;
}
