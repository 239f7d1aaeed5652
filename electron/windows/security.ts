/**
 * The Electron security settings in one place, kept free of Electron's runtime (types only) so
 * that they are unit-tested without the Electron binary: the window's web preferences, what every
 * web contents may do (nothing: no navigation, no new windows, no webviews), and what the session
 * grants (no permissions, no network).
 */
import type { Event, HandlerDetails, Session, WebContents, WebPreferences } from 'electron';

/** Sandboxed, isolated, no Node in the page, web security on, nothing that loosens them. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** What hardenWebContents needs of a web contents. */
export type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * The page is loaded once from the app's own files and never goes anywhere else: a link or a
 * `location` change from log content (should one ever run) is stopped, as are redirects,
 * new windows and webviews.
 */
export function hardenWebContents(contents: HardenedContents): void {
  const stop = (event: Event): void => event.preventDefault();
  contents.on('will-navigate', stop);
  contents.on('will-redirect', stop);
  contents.on('will-attach-webview', stop);
  contents.setWindowOpenHandler((_details: HandlerDetails) => ({ action: 'deny' }));
}

/** What hardenSession needs of a session. */
export type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

/** URL schemes the app loads from: its own files, and the developer tools. */
const LOCAL_SCHEMES = /^(file|devtools|chrome-extension|data|blob):/i;

/**
 * No permission is ever granted (camera, notifications, clipboard reads, …), and no request leaves
 * the machine: the app reads local files only, so anything else is log content trying to reach out.
 */
export function hardenSession(session: HardenedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !LOCAL_SCHEMES.test(details.url) }));
}
