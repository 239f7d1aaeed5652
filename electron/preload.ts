/**
 * Preload: builds `window.logsift` from the shared contract's method list, and nothing else.
 *
 * Dropped files are handled here, in the isolated world, so their paths go straight to the main
 * process and the page itself never names a path.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_METHOD_NAMES, CHANNEL_PREFIX, EVENT_NAMES, type LogsiftClient, type LogsiftEventName } from '../shared/api';
import { DROPPED_PATHS_CHANNEL } from './ipc/channels';

const methods = Object.fromEntries(
  API_METHOD_NAMES.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${method}`, ...args)]),
);

const client = {
  ...methods,
  on(event: LogsiftEventName, listener: (payload: unknown) => void) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    const channel = `${CHANNEL_PREFIX}event:${event}`;
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} as unknown as LogsiftClient;

contextBridge.exposeInMainWorld('logsift', client);

window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  const paths = [...(event.dataTransfer?.files ?? [])].map((file) => webUtils.getPathForFile(file)).filter((path) => path !== '');
  if (paths.length > 0) void ipcRenderer.invoke(DROPPED_PATHS_CHANNEL, paths);
});
