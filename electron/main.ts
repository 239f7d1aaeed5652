/**
 * Electron main process: the composition root. Creates the engine, the window and the menu, wires
 * the contract over IPC, and opens what the command line names (or the demo folder).
 */
import { app, dialog, Menu, session, type MenuItemConstructorOptions } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LogsiftApi } from '../shared/api';
import { exportFileName } from '../shared/model/export';
import { Engine } from './engine/engine';
import { composeApi } from './engine/host-api';
import { forwardEvents, registerApi, registerDroppedPaths } from './ipc/register-api';
import { trustedSenderCheck } from './ipc/sender-check';
import { createMainWindow } from './windows/main-window';
import { hardenSession, hardenWebContents } from './windows/security';

declare const LOGSIFT_VERSION: string;

const nodeDir = __dirname;

function demoFolder(): string {
  return app.isPackaged ? join(process.resourcesPath, 'demo', 'logs') : join(nodeDir, '..', '..', 'demo', 'logs');
}

/** Paths named on the command line (after the app path in development). */
function pathsFromCommandLine(): string[] {
  const args = process.argv.slice(app.isPackaged ? 1 : 2);
  return args.filter((arg) => !arg.startsWith('-') && arg !== '.');
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);

  const engine = await Engine.create({ workerScript: join(nodeDir, 'ingest-worker.js'), userDataDir: app.getPath('userData') });
  const window = createMainWindow(nodeDir);
  const rendererUrl = new URL(`file://${join(nodeDir, '..', 'renderer', 'index.html')}`).href;
  const isTrusted = trustedSenderCheck(window.webContents, rendererUrl);

  const openWithDialog = async (): Promise<Awaited<ReturnType<LogsiftApi['openFileDialog']>>> => {
    const result = await dialog.showOpenDialog(window, {
      title: 'Open log files',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Logs and exports', extensions: ['evtx', 'evt', 'csv', 'txt', 'xml', 'log', 'json', 'jsonl', 'gz', 'zip'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    return result.canceled ? [] : engine.openPaths(result.filePaths, { expandDirectories: false });
  };
  const watchWithDialog = async (): Promise<Awaited<ReturnType<LogsiftApi['watchFolderDialog']>>> => {
    const result = await dialog.showOpenDialog(window, { title: 'Watch a folder', properties: ['openDirectory'] });
    const [folder] = result.filePaths;
    return result.canceled || !folder ? null : engine.watchFolder(folder, {});
  };
  const exportWithDialog: LogsiftApi['exportView'] = async (request) => {
    const result = await dialog.showSaveDialog(window, { title: 'Export the view', defaultPath: exportFileName(request.format) });
    return result.canceled || !result.filePath ? null : engine.exportTo(request, result.filePath);
  };
  const api = composeApi(engine, {
    getHostInfo: async () => ({ mode: 'electron', version: LOGSIFT_VERSION, canPickFiles: true }),
    openFileDialog: openWithDialog,
    watchFolderDialog: watchWithDialog,
    exportView: exportWithDialog,
    // Folders come from the dialog, a drop or the command line, never as a path the page names.
    watchFolder: async () => {
      throw new Error('Refused: choose the folder with File › Watch folder…, drop it on the window, or name it on the command line.');
    },
  });
  registerApi(api, isTrusted);
  // A dropped folder is watched; dropped files are opened.
  registerDroppedPaths(isTrusted, (paths) => engine.openOrWatch(paths));
  forwardEvents(engine, window.webContents);
  const menu = { open: openWithDialog, watch: watchWithDialog };
  await buildMenu(engine, menu);
  // The Open Recent submenu follows what was opened.
  engine.on('sourcesChanged', () => void buildMenu(engine, menu));

  // `npm start -- DIR` watches DIR; named files are opened; nothing named: the demo folder.
  const named = pathsFromCommandLine();
  if (named.length > 0) await engine.openOrWatch(named);
  else if (existsSync(demoFolder())) await engine.openPaths([demoFolder()], { expandDirectories: true });

  app.on('window-all-closed', () => {
    engine.close();
    app.quit();
  });
}

async function buildMenu(engine: Engine, dialogs: { open: () => Promise<unknown>; watch: () => Promise<unknown> }): Promise<void> {
  const recent = await engine.listRecentFiles();
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void dialogs.open() },
        { label: 'Watch folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => void dialogs.watch() },
        {
          label: 'Open Recent',
          submenu:
            recent.length > 0
              ? recent.map((path) => ({ label: path, click: () => void engine.openRecentFile(path) }))
              : [{ label: 'No recent files', enabled: false }],
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

// Hardening for every web contents the app ever creates: no navigation, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

start().catch((error: unknown) => {
  dialog.showErrorBox('Logsift could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});

