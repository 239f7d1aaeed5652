/** Display formatting shared by the grid and the detail pane. */

/** `2025-12-09 17:37:32.123` (UTC / as written in the file), or an empty string. */
export function formatTime(time: number | null | undefined): string {
  if (typeof time !== 'number' || !Number.isFinite(time)) return '';
  const iso = new Date(time).toISOString();
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '000' ? '' : `.${ms}`}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
