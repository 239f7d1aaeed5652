/**
 * Maps a decoded .evt record to Logsift's event model. The record holds no message, only the
 * insertion strings: the message is rendered from templates Logsift knows, else the strings are
 * shown. `raw` is a one-line text rendering of every field, for the detail view and for search.
 */
import type { ParsedEvent } from '../../../../shared/model/log-event';
import type { Severity } from '../../../../shared/model/severity';
import { SEVERITY_LABELS, severityFromEventType } from '../../../../shared/model/severity';
import { renderMessage } from '../messages/render';
import type { EvtRecord } from './evt-record';

/** The severity for an event type; unknown for values no Windows version writes. */
export function levelOfEventType(eventType: number): Severity {
  // 0 (EVENTLOG_SUCCESS) is what the Event Viewer shows as Information too.
  return severityFromEventType(eventType) ?? 'unknown';
}

/**
 * The log a file holds, from its name: the default names (AppEvent.Evt, SysEvent.Evt,
 * SecEvent.Evt) or a name that says Application/System/Security. The .evt itself does not say.
 */
export function channelFromFileName(fileName: string): string | null {
  const base = fileName.replace(/^.*[\\/]/, '');
  const standard = /(?:^|[^a-z])(app|sys|sec)event\.evt$/i.exec(base);
  if (standard) return { app: 'Application', sys: 'System', sec: 'Security' }[standard[1]!.toLowerCase()] ?? null;
  const named = /application|security|system/i.exec(base);
  if (!named) return null;
  return named[0].charAt(0).toUpperCase() + named[0].slice(1).toLowerCase();
}

/** Turns a record into a ParsedEvent. */
export function toParsedEvent(record: EvtRecord, channel: string | null): ParsedEvent {
  const eventId = record.eventIdentifier & 0xffff;
  const qualifiers = record.eventIdentifier >>> 16;
  const level = levelOfEventType(record.eventType);
  const provider = record.source === '' ? null : record.source;
  const binary = hex(record.data);
  const message =
    renderMessage({ provider, eventId, qualifiers, strings: record.strings, recordId: record.recordNumber }) ?? fallbackMessage(record.strings);
  return {
    time: record.timeGenerated * 1000,
    level,
    provider,
    eventId,
    category: record.category === 0 ? null : String(record.category),
    computer: record.computer === '' ? null : record.computer,
    user: record.sid,
    channel,
    recordId: record.recordNumber,
    message,
    data: dataOf(record, qualifiers, binary),
    raw: rawText(record, level, binary),
    line: 0,
  };
}

/**
 * Insertion strings as a list; an object (%1, %2…) when there is more to keep: the full event
 * identifier and its qualifiers when the high 16 bits are set (Event Viewer shows only the low 16),
 * and the binary data as hex.
 */
function dataOf(record: EvtRecord, qualifiers: number, binary: string): ParsedEvent['data'] {
  if (qualifiers === 0 && record.data.length === 0) return record.strings.length === 0 ? null : record.strings;
  const data: Record<string, string> = {};
  record.strings.forEach((value, i) => (data[`%${i + 1}`] = value));
  if (qualifiers !== 0) {
    data.EventIdentifier = String(record.eventIdentifier);
    data.Qualifiers = String(qualifiers);
  }
  if (binary !== '') data.Binary = binary;
  return data;
}

function fallbackMessage(strings: readonly string[]): string {
  if (strings.length === 0) return 'Message not available — no insertion strings';
  return `Message not available — insertion strings: ${strings.join('; ')}`;
}

/** `Record 4353 | 2011-08-03 12:34:56Z | Tcpip | Event 4226 (0x80001082) | Warning | …` */
function rawText(record: EvtRecord, level: Severity, binary: string): string {
  const type = level === 'unknown' ? `Type ${record.eventType}` : SEVERITY_LABELS[level];
  const parts = [
    `Record ${record.recordNumber}`,
    utcText(record.timeGenerated),
    record.source || '(no source)',
    `Event ${record.eventIdentifier & 0xffff} (0x${record.eventIdentifier.toString(16).toUpperCase().padStart(8, '0')})`,
    type,
    `Category ${record.category}`,
    record.computer || '(no computer)',
    record.sid ?? '(no user)',
  ];
  if (record.timeWritten !== record.timeGenerated) parts.push(`Written ${utcText(record.timeWritten)}`);
  parts.push(`Strings: ${record.strings.length === 0 ? '(none)' : record.strings.join('; ')}`);
  if (binary !== '') parts.push(`Data: ${binary}`);
  return parts.join(' | ');
}

/** "2011-08-03 12:34:56Z" from Unix seconds. */
function utcText(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).toUpperCase().padStart(2, '0'));

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_BYTES[byte];
  return out;
}
