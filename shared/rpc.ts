/**
 * Wire messages of the browser-mode WebSocket: JSON-RPC-like calls, replies and change events.
 */
import type { ApiMethod, LogsiftEventName, LogsiftEvents } from './api';

export interface RpcRequest {
  kind: 'call';
  id: number;
  method: ApiMethod;
  args: unknown[];
}

export type RpcReply =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; message: string };

export interface RpcEvent<K extends LogsiftEventName = LogsiftEventName> {
  kind: 'event';
  event: K;
  payload: LogsiftEvents[K];
}

export type ServerMessage = RpcReply | RpcEvent;
