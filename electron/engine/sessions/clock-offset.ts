/**
 * A source's clock offset: added to every time of the source, for logs from a machine whose clock
 * was off or whose zone the file does not state. It is part of what a session remembers of a file.
 */
import type { SourceInfo } from '../../../shared/model/log-event';
import type { EventStore } from '../store/event-store';

/**
 * Replaces the source's offset (0 undoes it). Rows already stored move by the difference; rows
 * stored later (a followed file's new lines, a read with other options) get the offset as they
 * are inserted. The offset is changed before the update is queued, and inserts read it when they
 * are queued, so every row is shifted exactly once whatever the order.
 */
export async function setClockOffset(store: EventStore, source: SourceInfo, offsetMs: number): Promise<boolean> {
  if (!Number.isSafeInteger(offsetMs)) throw new Error(`A clock offset is a whole number of milliseconds, not ${offsetMs}.`);
  const shift = offsetMs - source.clockOffsetMs;
  if (shift === 0) return false;
  source.clockOffsetMs = offsetMs;
  await store.write('UPDATE events SET time_ms = time_ms + $1::BIGINT WHERE source_id = $2', [shift, source.id]);
  return true;
}
