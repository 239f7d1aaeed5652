/**
 * Copies text to the clipboard. The async Clipboard API is missing or refused on plain-http
 * pages (browser mode on another machine) and in some embeddings; the old hidden-textarea copy
 * still works there.
 */

export interface CopyEnvironment {
  clipboard?: Pick<Clipboard, 'writeText'> | undefined;
  /** Copies through a selected textarea; true when the browser says it copied. */
  fallback(text: string): boolean;
}

/** The hidden-textarea copy (document.execCommand is deprecated but the only fallback there is). */
export function copyWithTextarea(text: string): boolean {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  // Off screen rather than display:none, which cannot be selected.
  Object.assign(area.style, { position: 'fixed', top: '0', left: '-9999px', opacity: '0' });
  document.body.appendChild(area);
  try {
    area.select();
    return document.execCommand('copy');
  } finally {
    area.remove();
    previous?.focus();
  }
}

function browserEnvironment(): CopyEnvironment {
  return { clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard, fallback: copyWithTextarea };
}

/** Resolves once the text is on the clipboard; rejects when neither way worked. */
export async function copyText(text: string, environment: CopyEnvironment = browserEnvironment()): Promise<void> {
  if (environment.clipboard) {
    try {
      await environment.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused or no user activation: try the old way below.
    }
  }
  if (!environment.fallback(text)) throw new Error('The clipboard is not available.');
}
