import { describe, expect, it } from 'vitest';
import { trustedSenderCheck } from './sender-check';

describe('IPC sender check', () => {
  const window = { id: 1 };
  const rendererUrl = 'file:///opt/logsift/dist/renderer/index.html';
  const isTrusted = trustedSenderCheck(window, rendererUrl);
  const call = (sender: object, url: string, parent: unknown = null) => ({ sender, senderFrame: { url, parent } });

  it('accepts the main window showing the app page, with any #fragment', () => {
    expect(isTrusted(call(window, rendererUrl))).toBe(true);
    expect(isTrusted(call(window, `${rendererUrl}#detail`))).toBe(true);
  });

  it('refuses other windows, frames inside the page, other pages and calls without a frame', () => {
    expect(isTrusted(call({ id: 2 }, rendererUrl))).toBe(false);
    expect(isTrusted(call(window, rendererUrl, { url: rendererUrl }))).toBe(false);
    expect(isTrusted(call(window, 'https://evil.example/'))).toBe(false);
    expect(isTrusted(call(window, `${rendererUrl}?x=1`))).toBe(false);
    expect(isTrusted(call(window, 'file:///tmp/evil/index.html'))).toBe(false);
    expect(isTrusted({ sender: window, senderFrame: null })).toBe(false);
  });
});
