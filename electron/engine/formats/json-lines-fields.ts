/**
 * Turns one JSON object into event fields: Windows events (nxlog, winlogbeat, PowerShell) by their
 * own mapping, everything else (bunyan, pino, ECS, journald, Docker, cloud audit logs, zeek…) by
 * picking common field names. Every field is kept in `data`, flattened to dotted keys.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { Severity } from '../../../shared/model/severity';
import type { ParseOptions } from './format';
import { storableEventId } from './event-numbers';
import {
  numberOf,
  severityFromBunyanLevel,
  severityFromLevelWord,
  severityFromSyslogPriority,
} from './json-lines-levels';
import { EntryReader, type MappedFields } from './json-lines-reader';
import { flatten, isJsonObject, renderFields, type JsonObject, type JsonValue } from './json-lines-values';
import { dataKeyForWindows, isWindowsEventDataKey, mapWindowsEvent } from './json-lines-windows';

const TIME_FIELDS = [
  '@timestamp', 'timestamp', 'time', 'ts', 'date', 'datetime', 'eventTime', 'EventTime', '_time', 'timeStamp',
  'Timestamp', '__REALTIME_TIMESTAMP', 'TimeCreated', 'TimeGenerated', 'time_generated', 'event_timestamp', 'CreationTime',
  'created_at', '@fields.ts', '@fields.timestamp',
];
/** Levels on the syslog scale (journald's PRIORITY) rather than bunyan's. */
const SYSLOG_LEVEL_FIELDS = new Set(['PRIORITY', 'syslog.severity', 'log.syslog.severity.code']);
const LEVEL_FIELDS = [
  'level', 'log.level', 'severity', 'lvl', 'loglevel', 'log_level', 'levelname', 'level_name', 'severityText', 'Level',
  'Severity', '@fields.level', '@fields.lvl', ...SYSLOG_LEVEL_FIELDS,
];
const MESSAGE_FIELDS = [
  'message', 'msg', 'MESSAGE', 'Message', '@message', 'log', 'text', 'textPayload', 'jsonPayload.message', 'fields.message',
  '@fields.message', '@fields.msg', 'body', 'properties.message', 'error.message',
];
const PROVIDER_FIELDS = [
  'logger', 'logger_name', 'loggerName', 'log.logger', 'service.name', 'service', 'serviceName', 'protoPayload.serviceName',
  'SYSLOG_IDENTIFIER', '_SYSTEMD_UNIT', 'app', 'application', 'appname', 'source', 'name', 'target', 'component',
  'eventSource', 'EventSource', 'resource_provider_name.value', 'resourceProviderName.value', 'Workload', '@fields.logger',
];
const COMPUTER_FIELDS = [
  'host', 'hostname', 'host.name', 'host.hostname', '_HOSTNAME', 'Hostname', 'HostName', 'computer', 'computer_name',
  'ComputerName', 'MachineName', '@system',
];
const USER_FIELDS = [
  'user', 'user.name', 'username', 'userName', 'Username', 'UserId', 'userIdentity.userName', 'userIdentity.arn',
  'protoPayload.authenticationInfo.principalEmail', 'caller', 'actor.login',
];
const CATEGORY_FIELDS = ['category', 'category.value', 'Category', 'event.category', 'stream', '@stream', 'type'];
const CHANNEL_FIELDS = ['channel', 'Channel', 'logName', 'log_name', 'LogName'];
const EVENT_ID_FIELDS = ['event.code', 'event_id', 'eventId', 'EventID'];
const RECORD_ID_FIELDS = ['record_id', 'RecordNumber', 'recordId'];
/** Fields that say what happened, shown first when a message has to be rendered from the fields. */
const SUMMARY_FIELDS = [
  'eventName', 'EventName', 'operationName', 'operation_name.value', 'Operation', 'protoPayload.methodName', 'methodName',
  'event.action', 'action',
];

/** The event for one JSON object (raw text and line are the caller's). */
export function eventFromObject(entry: JsonObject, options: ParseOptions): Omit<ParsedEvent, 'raw' | 'line'> {
  const reader = new EntryReader(entry);
  const windows = mapWindowsEvent(reader, options);
  const fields = windows ?? mapGeneric(reader, options);
  const omit = new Set(fields.messageField === null ? [] : [fields.messageField]);
  const data = flatten(entry, omit, windows ? dataKeyForWindows : undefined);
  const message = fields.message ?? renderMessage(data, reader.used, windows !== undefined);
  const { messageField: _messageField, ...columns } = fields;
  return { ...columns, message, data };
}

/**
 * A message for an entry without one: for a Windows event its event data (what Event Viewer shows
 * when the provider's message text is missing), otherwise every field the columns do not show.
 */
function renderMessage(data: Readonly<Record<string, string>>, used: ReadonlySet<string>, windows: boolean): string {
  const notInColumns = (key: string): boolean => !used.has(key);
  const eventData = windows ? renderFields(data, [], (key) => notInColumns(key) && isWindowsEventDataKey(key)) : '';
  return eventData || renderFields(data, SUMMARY_FIELDS, notInColumns);
}

function mapGeneric(reader: EntryReader, options: ParseOptions): MappedFields {
  const message = reader.message(MESSAGE_FIELDS);
  return {
    time: reader.time(TIME_FIELDS, options.timeZone) ?? guessTime(reader, options.timeZone) ?? null,
    level: reader.first(LEVEL_FIELDS, severityOf)?.value ?? 'unknown',
    provider: reader.text(PROVIDER_FIELDS),
    eventId: reader.integer(EVENT_ID_FIELDS, (value) => storableEventId(value) !== null),
    category: reader.text(CATEGORY_FIELDS),
    computer: reader.text(COMPUTER_FIELDS),
    user: reader.text(USER_FIELDS),
    channel: reader.text(CHANNEL_FIELDS),
    recordId: reader.integer(RECORD_ID_FIELDS),
    message: message?.value ?? null,
    messageField: message?.path ?? null,
  };
}

/**
 * A level field: a word, or a number on the scale its name implies — bunyan/pino for `level`,
 * syslog for PRIORITY. Numbers in other fields (`lvl: 10`) follow no known scale and are left alone.
 */
function severityOf(value: JsonValue, path: string): Severity | undefined {
  const number = numberOf(value);
  if (number === undefined) return typeof value === 'string' ? severityFromLevelWord(value) : undefined;
  if (SYSLOG_LEVEL_FIELDS.has(path)) return severityFromSyslogPriority(number);
  return path === 'level' ? severityFromBunyanLevel(number) : undefined;
}

const TIME_LIKE_NAME = /(?:time|timestamp|date|datetime|_at|TimeUnixNano)$|^ts$/i;

/**
 * For objects without a usual time field, the first field whose name says it is a time and whose
 * value reads as one (`created_at`, `EdgeStartTimestamp`), at the top level or one level down.
 */
function guessTime(reader: EntryReader, timeZone: string | undefined): number | undefined {
  const candidates: string[] = [];
  const entries = Object.entries(reader.entry);
  for (const [key] of entries) if (TIME_LIKE_NAME.test(key)) candidates.push(key);
  for (const [key, value] of entries) {
    if (!isJsonObject(value)) continue;
    for (const inner of Object.keys(value)) if (TIME_LIKE_NAME.test(inner)) candidates.push(`${key}.${inner}`);
  }
  return reader.time(candidates, timeZone);
}
