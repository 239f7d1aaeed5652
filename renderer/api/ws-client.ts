/**
 * The contract over the browser-mode WebSocket: the same `LogsiftClient` the Electron preload
 * gives, built from the shared method list.
 */
import { API_METHOD_NAMES, type LogsiftClient, type LogsiftEventName, type LogsiftEvents } from '../../shared/api';
import type { RpcRequest, ServerMessage } from '../../shared/rpc';

export function connectWebSocketClient(url: string): Promise<LogsiftClient> {
  const socket = new WebSocket(url);
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<LogsiftEventName, Set<(payload: unknown) => void>>();

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as ServerMessage;
    if (data.kind === 'event') {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      return;
    }
    const waiter = pending.get(data.id);
    if (!waiter) return;
    pending.delete(data.id);
    if (data.kind === 'result') waiter.resolve(data.result);
    else waiter.reject(new Error(data.message));
  });
  socket.addEventListener('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('The connection to Logsift was closed.'));
    pending.clear();
  });

  const call = (method: RpcRequest['method'], args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ kind: 'call', id, method, args } satisfies RpcRequest));
    });

  const client = {
    ...Object.fromEntries(API_METHOD_NAMES.map((method) => [method, (...args: unknown[]) => call(method, args)])),
    on<K extends LogsiftEventName>(event: K, listener: (payload: LogsiftEvents[K]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  } as unknown as LogsiftClient;

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(client), { once: true });
    socket.addEventListener('error', () => reject(new Error(`Could not connect to Logsift at ${url}`)), { once: true });
  });
}
