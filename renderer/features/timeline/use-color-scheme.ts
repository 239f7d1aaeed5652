/** The OS light/dark choice, followed live (the app's palette follows the same media query). */
import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

const DARK = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(DARK);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function current(): ColorScheme {
  return window.matchMedia(DARK).matches ? 'dark' : 'light';
}

export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, current);
}
