/**
 * Event and record IDs as the store can hold them. The store's event-ID column is a 32-bit
 * integer and its record-ID column a 64-bit one (read by DuckDB from spool text, which a double
 * past 2^53 would write as "1e+23"); one value that does not fit makes the whole batch fail to
 * load. Windows event IDs are 16-bit and record numbers far below 2^53, so a value outside these
 * ranges is damage or a foreign field: it becomes null (the text stays in the entry's raw text).
 * Found by fuzzing (an Event Viewer CSV with event ID 99999999999).
 */

/** The largest event ID the store holds. */
export const MAX_EVENT_ID = 2 ** 31 - 1;

/** `value` when it is an event ID the store holds, else null. */
export function storableEventId(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isInteger(value) && Math.abs(value) <= MAX_EVENT_ID ? value : null;
}

/** `value` when it is a record ID held exactly (a safe integer), else null. */
export function storableRecordId(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isSafeInteger(value) ? value : null;
}

/** A decimal event ID written as text (surrounding blanks allowed); null when it is not one the store holds. */
export function eventIdFromText(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,10}$/.test(trimmed) ? storableEventId(Number(trimmed)) : null;
}

/** A decimal record ID written as text; null when it is not one held exactly. */
export function recordIdFromText(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,16}$/.test(trimmed) ? storableRecordId(Number(trimmed)) : null;
}
