/** The main window, locked down: sandboxed, isolated, no Node, no navigation, no new windows. */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';

export function createMainWindow(nodeDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Logsift',
    show: false,
    webPreferences: {
      preload: join(nodeDir, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(nodeDir, '..', 'renderer', 'index.html'));
  return window;
}
