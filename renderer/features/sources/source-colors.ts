/**
 * One colour per source for the merged grid (a dot in the source column and on the source's chip).
 * Ten hues picked to stay apart from each other and readable on light and dark backgrounds; the
 * n-th opened source gets the n-th hue, so colours do not move when another file is closed.
 */
const SOURCE_HUES = ['#2f7ed8', '#d9822b', '#2e9d5b', '#b5489c', '#8c6d31', '#1fa2a8', '#c2410c', '#6d5bd0', '#5f8f1c', '#c0395a'];

export function sourceColor(sourceId: number): string {
  return SOURCE_HUES[(sourceId - 1 + SOURCE_HUES.length * 1000) % SOURCE_HUES.length]!;
}

/** "+02:00:00"-style text for a clock offset in ms, and back; null when the text is not one. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  let rest = Math.abs(Math.trunc(offsetMs / 1000));
  const hours = Math.trunc(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.trunc(rest / 60);
  const seconds = rest - minutes * 60;
  return `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Reads "+2h", "-30m", "90s", "+01:30", "-00:00:07", "0"; null when it is none of these. */
export function parseOffset(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '0') return 0;
  const units = /^([+-]?)(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/i.exec(trimmed);
  if (units && units.slice(2).some((part) => part !== undefined)) {
    const [, sign, d, h, m, s] = units;
    const ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)) * 1000;
    return sign === '-' ? -ms : ms;
  }
  const clock = /^([+-]?)(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (clock) {
    const [, sign, h, m, s] = clock;
    if (Number(m) > 59 || Number(s ?? 0) > 59) return null;
    const ms = (Number(h) * 3600 + Number(m) * 60 + Number(s ?? 0)) * 1000;
    return sign === '-' ? -ms : ms;
  }
  return null;
}
