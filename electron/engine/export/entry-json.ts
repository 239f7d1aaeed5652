/**
 * The one JSON shape of an entry, shared by `logsift parse --jsonl`, `logsift tail --jsonl` and
 * JSON-lines exports: documented in the README; `kb` is whatever the caller knows of the KB.
 */
import type { EventDetail, ParsedEvent } from '../../../shared/model/log-event';

export function eventToJson(event: ParsedEvent, file: string, format: string, kb: object | null = null): Record<string, unknown> {
  return {
    time: event.time === null ? null : new Date(event.time).toISOString(),
    level: event.level,
    provider: event.provider,
    eventId: event.eventId,
    category: event.category,
    computer: event.computer,
    user: event.user,
    channel: event.channel,
    recordId: event.recordId,
    message: event.message,
    data: event.data,
    kb,
    file,
    format,
    line: event.line,
  };
}

/** An unparsed row: its text, where it was and why no parser took it. */
export function unparsedToJson(row: { line: number; reason: string | null; raw: string }, file: string, format: string): Record<string, unknown> {
  return { unparsed: true, line: row.line, reason: row.reason, raw: row.raw, file, format };
}

/** A stored entry (event or unparsed row). */
export function detailToJson(row: EventDetail, kb: object | null): Record<string, unknown> {
  if (row.unparsed) return unparsedToJson({ line: row.line, reason: row.unparsedReason, raw: row.raw }, row.file, row.format);
  return eventToJson(row, row.file, row.format, kb);
}
