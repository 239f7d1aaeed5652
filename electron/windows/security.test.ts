import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../serve/server';
import { hardenSession, hardenWebContents, secureWebPreferences, type HardenedContents, type HardenedSession } from './security';

const ROOT = join(__dirname, '..', '..');

describe('the window', () => {
  it('is sandboxed and isolated, without Node, webviews or insecure content', () => {
    const preferences = secureWebPreferences('/app/preload.js');
    expect(preferences).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
});

/** Records what hardenWebContents registers, the way Electron would call it back. */
function recordedContents(): { contents: HardenedContents; handlers: Map<string, (event: { preventDefault(): void }) => void>; openHandler: () => unknown } {
  const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  let openHandler: () => unknown = () => undefined;
  const contents = {
    on(name: string, handler: (event: { preventDefault(): void }) => void) {
      handlers.set(name, handler);
      return contents;
    },
    setWindowOpenHandler(handler: () => unknown) {
      openHandler = handler;
    },
  } as unknown as HardenedContents;
  return { contents, handlers, openHandler: () => openHandler() };
}

describe('every web contents', () => {
  it('never navigates, redirects, attaches a webview or opens a window', () => {
    const { contents, handlers, openHandler } = recordedContents();
    hardenWebContents(contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      handlers.get(name)!({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler()).toEqual({ action: 'deny' });
  });
});

describe('the session', () => {
  function hardened() {
    const calls: { request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void; check?: () => boolean; beforeRequest?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void } = {};
    const session = {
      setPermissionRequestHandler: (handler: typeof calls.request) => (calls.request = handler),
      setPermissionCheckHandler: (handler: typeof calls.check) => (calls.check = handler),
      webRequest: { onBeforeRequest: (handler: typeof calls.beforeRequest) => (calls.beforeRequest = handler) },
    } as unknown as HardenedSession;
    hardenSession(session);
    return calls;
  }

  it('grants no permission', () => {
    const calls = hardened();
    for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal', 'geolocation']) {
      let granted: boolean | undefined;
      calls.request!({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
    expect(calls.check!()).toBe(false);
  });

  it('lets the app load its own files and nothing from the network', () => {
    const calls = hardened();
    const cancelled = (url: string): boolean => {
      let answer: boolean | undefined;
      calls.beforeRequest!({ url }, (response) => (answer = response.cancel));
      return answer!;
    };
    expect(cancelled('file:///opt/logsift/resources/app/dist/renderer/index.html')).toBe(false);
    expect(cancelled('devtools://devtools/bundled/inspector.html')).toBe(false);
    for (const url of ['https://evil.example/x.js', 'http://127.0.0.1:9/beacon', 'ws://10.0.0.1/', 'ftp://host/file', 'HTTP://EVIL/']) {
      expect(cancelled(url), url).toBe(true);
    }
  });
});

/** The directives of a Content-Security-Policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the content security policy', () => {
  const indexHtml = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
  const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1];
  const policies = { 'renderer/index.html': metaPolicy!, 'logsift serve': SECURITY_HEADERS['Content-Security-Policy'] };

  it.each(Object.entries(policies))('%s allows only the app\'s own scripts, no inline code, eval, plugins or base changes', (_where, policy) => {
    expect(policy).toBeDefined();
    const csp = directives(policy);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });
});
