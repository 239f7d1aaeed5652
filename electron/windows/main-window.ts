/** The main window, locked down: sandboxed, isolated, no Node, no navigation, no new windows. */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { secureWebPreferences } from './security';

export function createMainWindow(nodeDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Logsift',
    show: false,
    webPreferences: secureWebPreferences(join(nodeDir, 'preload.js')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(nodeDir, '..', 'renderer', 'index.html'));
  return window;
}
