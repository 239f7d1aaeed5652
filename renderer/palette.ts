/**
 * Applies the shared severity palette (shared/model/severity.ts) as CSS variables, light or dark
 * as the system asks, so the stylesheet never restates a colour.
 */
import { SEVERITIES, SEVERITY_PALETTE } from '../shared/model/severity';

export function applyPalette(root: HTMLElement = document.documentElement): void {
  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    const theme = scheme.matches ? 'dark' : 'light';
    root.dataset.theme = theme;
    for (const level of SEVERITIES) {
      root.style.setProperty(`--sev-${level}-bg`, SEVERITY_PALETTE[theme][level].background);
      root.style.setProperty(`--sev-${level}-fg`, SEVERITY_PALETTE[theme][level].accent);
    }
  };
  apply();
  scheme.addEventListener('change', apply);
}
