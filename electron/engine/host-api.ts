/**
 * Joins the engine with what only a host can do (Electron's dialog; the browser's upload) into
 * the full contract. Every method is listed, so the compiler catches one left out.
 */
import { isApiMethod, parseArguments, type LogsiftApi } from '../../shared/api';
import type { EngineApi } from './engine';

/**
 * What each host decides for itself. `watchFolder` takes a path from the page: the browser host
 * (whose page is the token holder's) lets it name a folder on the server's disk; the desktop app
 * refuses, so that its page never names a path to read.
 */
export type HostOnlyApi = Pick<LogsiftApi, 'getHostInfo' | 'openFileDialog' | 'watchFolderDialog' | 'exportView' | 'watchFolder'>;

export function composeApi(engine: EngineApi, host: HostOnlyApi): LogsiftApi {
  return {
    getHostInfo: () => host.getHostInfo(),
    openFileDialog: () => host.openFileDialog(),
    watchFolderDialog: () => host.watchFolderDialog(),
    exportView: (request) => host.exportView(request),
    cancelExport: (exportId) => engine.cancelExport(exportId),
    listSources: () => engine.listSources(),
    queryEvents: (request) => engine.queryEvents(request),
    countEvents: (query) => engine.countEvents(query),
    getEvent: (id) => engine.getEvent(id),
    closeSource: (sourceId) => engine.closeSource(sourceId),
    listRecentFiles: () => engine.listRecentFiles(),
    openRecentFile: (path) => engine.openRecentFile(path),
    listFormats: () => engine.listFormats(),
    reopenSource: (sourceId, options) => engine.reopenSource(sourceId, options),
    getKb: () => engine.getKb(),
    saveKbRule: (rule) => engine.saveKbRule(rule),
    deleteKbRule: (id) => engine.deleteKbRule(id),
    setKbRuleEnabled: (id, enabled) => engine.setKbRuleEnabled(id, enabled),
    exportKbRules: () => engine.exportKbRules(),
    importKbRules: (packText) => engine.importKbRules(packText),
    watchFolder: (path, options) => host.watchFolder(path, options),
    unwatchFolder: (watchId) => engine.unwatchFolder(watchId),
    listWatches: () => engine.listWatches(),
    getFacets: (query, limit) => engine.getFacets(query, limit),
    getHistogram: (query, buckets) => engine.getHistogram(query, buckets),
    setSourceClockOffset: (sourceId, offsetMs) => engine.setSourceClockOffset(sourceId, offsetMs),
    setBookmark: (eventId, comment) => engine.setBookmark(eventId, comment),
    removeBookmark: (eventId) => engine.removeBookmark(eventId),
    listBookmarks: () => engine.listBookmarks(),
    saveSession: (view) => engine.saveSession(view),
    listSessions: () => engine.listSessions(),
    restoreSession: (id) => engine.restoreSession(id),
  };
}

/**
 * Calls a contract method by name for an untrusted caller (IPC, WebSocket): unknown methods and
 * arguments that do not match the contract are refused before the engine sees them.
 */
export async function dispatch(api: LogsiftApi, method: unknown, args: unknown): Promise<unknown> {
  if (!isApiMethod(method)) throw new Error(`Unknown method: ${String(method).slice(0, 64)}`);
  const checked = parseArguments(method, args);
  const call = api[method] as (...callArgs: unknown[]) => Promise<unknown>;
  return call.apply(api, checked as unknown[]);
}
