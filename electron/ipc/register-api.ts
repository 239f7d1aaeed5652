/**
 * The only place that touches ipcMain: one handler per contract method, each checking that the
 * call comes from our own window's page and that its arguments match the contract.
 */
import { ipcMain, type WebContents } from 'electron';
import { API_METHOD_NAMES, CHANNEL_PREFIX, EVENT_NAMES, type LogsiftApi } from '../../shared/api';
import type { Engine } from '../engine/engine';
import { dispatch } from '../engine/host-api';
import { DROPPED_PATHS_CHANNEL } from './channels';
import type { SenderCheck } from './sender-check';

export function registerApi(api: LogsiftApi, isTrusted: SenderCheck): void {
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(`${CHANNEL_PREFIX}${method}`, (event, ...args: unknown[]) => {
      if (!isTrusted(event)) throw new Error('Refused: the call did not come from the Logsift window.');
      return dispatch(api, method, args);
    });
  }
}

export function registerDroppedPaths(isTrusted: SenderCheck, open: (paths: string[]) => Promise<unknown>): void {
  ipcMain.handle(DROPPED_PATHS_CHANNEL, (event, paths: unknown) => {
    if (!isTrusted(event)) throw new Error('Refused: the call did not come from the Logsift window.');
    if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string' && path.length > 0 && path.length < 4096)) {
      throw new Error('Refused: dropped paths must be a list of file paths.');
    }
    return open(paths as string[]);
  });
}

/** Forwards the engine's change events to a window. */
export function forwardEvents(engine: Engine, contents: WebContents): () => void {
  const stops = EVENT_NAMES.map((name) =>
    engine.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(`${CHANNEL_PREFIX}event:${name}`, payload);
    }),
  );
  return () => stops.forEach((stop) => stop());
}
