/** A small typed event emitter for the contract's change events. */
import type { LogsiftEventName, LogsiftEvents } from '../../shared/api';

type Listener<K extends LogsiftEventName> = (payload: LogsiftEvents[K]) => void;

export class ChangeEmitter {
  private readonly listeners = new Map<LogsiftEventName, Set<Listener<LogsiftEventName>>>();

  on<K extends LogsiftEventName>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<LogsiftEventName>);
    return () => set.delete(listener as Listener<LogsiftEventName>);
  }

  emit<K extends LogsiftEventName>(event: K, payload: LogsiftEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}
