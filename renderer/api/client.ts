/**
 * The renderer's only way to the engine: Electron's preload bridge when present, otherwise the
 * WebSocket of `logsift serve` on the page's own origin.
 */
import type { LogsiftClient } from '../../shared/api';
import { connectWebSocketClient } from './ws-client';

declare global {
  interface Window {
    logsift?: LogsiftClient;
  }
}

export async function connectClient(): Promise<LogsiftClient> {
  if (window.logsift) return window.logsift;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return connectWebSocketClient(`${scheme}//${window.location.host}/ws?token=${encodeURIComponent(token)}`);
}

/** Browser mode: sends a file the user picked or dropped to the server, which opens it. */
export async function uploadFile(file: File): Promise<void> {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}&token=${encodeURIComponent(token)}`, {
    method: 'POST',
    body: file,
  });
  if (!response.ok) throw new Error(`Upload of ${file.name} failed: ${response.status} ${await response.text()}`);
}
