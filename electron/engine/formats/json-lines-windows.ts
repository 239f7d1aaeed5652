/**
 * Windows events shipped as JSON: nxlog im_msvistalog (EventID, SourceName, Hostname, EventType,
 * Severity…, event data at the top level; also the OTRF/Get-WinEvent-like shape with Level and
 * Keywords), winlogbeat/ECS (winlog.*), winlogbeat 6 (event_id, source_name…) and PowerShell's
 * `Get-WinEvent`/`Get-EventLog | ConvertTo-Json` objects.
 */
import type { Severity } from '../../../shared/model/severity';
import type { ParseOptions } from './format';
import { storableEventId } from './event-numbers';
import {
  auditFromKeywords,
  numberOf,
  severityFromEntryType,
  severityFromLevelWord,
  severityFromNxlogValue,
  severityFromWindowsLevel,
} from './json-lines-levels';
import { accountName, type EntryReader, type MappedFields } from './json-lines-reader';
import type { JsonValue } from './json-lines-values';

const EVENT_ID_FIELDS = ['EventID', 'winlog.event_id', 'event_id', 'Id'];
const PROVIDER_FIELDS = ['SourceName', 'ProviderName', 'winlog.provider_name', 'source_name', 'Source', 'event.provider'];
const CHANNEL_FIELDS = ['Channel', 'LogName', 'winlog.channel', 'log_name'];
const COMPUTER_FIELDS = ['Hostname', 'MachineName', 'winlog.computer_name', 'computer_name', 'Computer', 'host.name', 'host.hostname'];
const TIME_FIELDS = ['TimeCreated', 'EventTime', '@timestamp', 'TimeGenerated', 'timestamp'];
const RECORD_ID_FIELDS = ['RecordNumber', 'RecordId', 'EventRecordID', 'winlog.record_id', 'record_number', 'Index'];
const CATEGORY_FIELDS = ['Category', 'TaskDisplayName', 'winlog.task', 'task'];
const TASK_NUMBER_FIELDS = ['Task', 'TaskValue'];
const MESSAGE_FIELDS = ['Message', 'message'];
/** Keyword masks or keyword names that can mark an audit event. */
const KEYWORD_FIELDS = ['Keywords', 'winlog.keywords', 'keywords', 'KeywordsDisplayNames'];
/** Where winlogbeat keeps the event's own fields; nxlog and EVTX name them bare, and so does `data`. */
const EVENT_DATA_PREFIXES = ['winlog.event_data.', 'winlog.user_data.', 'event_data.', 'user_data.'];

/** The Windows mapping when the object is a Windows event (an integer event ID, a provider and a channel or computer), else undefined. */
export function mapWindowsEvent(reader: EntryReader, options: ParseOptions): MappedFields | undefined {
  const hasEventId = EVENT_ID_FIELDS.some((path) => isEventId(reader.peek(path)));
  const hasProvider = PROVIDER_FIELDS.some((path) => typeof reader.peek(path) === 'string');
  const placed = [...CHANNEL_FIELDS, ...COMPUTER_FIELDS].some((path) => typeof reader.peek(path) === 'string');
  if (!hasEventId || !hasProvider || !placed) return undefined;

  const message = reader.message(MESSAGE_FIELDS);
  return {
    time: reader.time(TIME_FIELDS, options.timeZone) ?? null,
    level: windowsLevel(reader),
    provider: reader.text(PROVIDER_FIELDS),
    eventId: reader.integer(EVENT_ID_FIELDS, (value) => storableEventId(value) !== null),
    category: reader.text(CATEGORY_FIELDS) ?? taskNumber(reader),
    computer: reader.text(COMPUTER_FIELDS),
    user: windowsUser(reader),
    channel: reader.text(CHANNEL_FIELDS),
    recordId: reader.integer(RECORD_ID_FIELDS),
    message: message?.value ?? null,
    messageField: message?.path ?? null,
  };
}

/** What the shippers add around the event data (nxlog, winlogbeat 6, Get-WinEvent/Get-EventLog objects). */
const SYSTEM_FIELDS = new Set([
  'EventTime', 'EventReceivedTime', 'SourceModuleName', 'SourceModuleType', 'Hostname', 'Keywords', 'EventType', 'SeverityValue',
  'Severity', 'EventID', 'SourceName', 'ProviderGuid', 'Version', 'Task', 'TaskValue', 'OpcodeValue', 'Opcode', 'RecordNumber',
  'ProcessID', 'ThreadID', 'ExecutionProcessID', 'ExecutionThreadID', 'Channel', 'Category', 'Domain', 'AccountName', 'UserID',
  'AccountType', 'ActivityID', 'RelatedActivityID', 'Level', 'LevelValue', 'TimeCreated', 'Message', '@timestamp', '@version',
  'computer_name', 'event_id', 'level', 'log_name', 'record_number', 'source_name', 'type', 'message', 'opcode', 'keywords',
  'task', 'thread_id', 'process_id', 'provider_guid', 'user', 'Id', 'Qualifiers', 'RecordId', 'ProviderName', 'ProviderId',
  'LogName', 'ProcessId', 'ThreadId', 'MachineName', 'UserId', 'ActivityId', 'RelatedActivityId', 'ContainerLog',
  'MatchedQueryIds', 'Bookmark', 'LevelDisplayName', 'OpcodeDisplayName', 'TaskDisplayName', 'KeywordsDisplayNames',
  'Index', 'EntryType', 'Source', 'InstanceId', 'TimeGenerated', 'TimeWritten', 'UserName', 'Site', 'Container', 'CategoryNumber',
  'Data', 'agent', 'ecs', 'event', 'host', 'log', 'winlog', 'beat', 'tags', '@metadata', 'user_data',
]);

/** True for a `data` key that holds the event's own data rather than what the shipper wrapped it in. */
export function isWindowsEventDataKey(key: string): boolean {
  const dot = key.indexOf('.');
  const head = dot === -1 ? key : key.slice(0, dot);
  // PowerShell keeps the insertion strings as Properties[n].Value (Get-WinEvent) or ReplacementStrings[n] (Get-EventLog).
  return !SYSTEM_FIELDS.has(head);
}

/** The `data` key for a flattened field: winlogbeat's event data under its bare name. */
export function dataKeyForWindows(key: string): string {
  const prefix = EVENT_DATA_PREFIXES.find((candidate) => key.startsWith(candidate));
  return prefix ? key.slice(prefix.length) : key;
}

function isEventId(value: JsonValue | undefined): boolean {
  return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^\s*\d{1,10}\s*$/.test(value));
}

/**
 * Audit success/failure first (security events carry Level 0 or "Information" plus an audit
 * keyword), then the numeric Windows level, then the level words the shippers add.
 */
function windowsLevel(reader: EntryReader): Severity {
  const audit =
    reader.first(['EventType'], (value) => auditOnly(typeof value === 'string' ? severityFromLevelWord(value) : undefined)) ??
    reader.first(KEYWORD_FIELDS, auditFromKeywords) ??
    reader.first(['EntryType'], (value) => auditOnly(entryTypeSeverity(value)));
  if (audit) return audit.value;
  const level =
    reader.first(['Level'], (value) => {
      const number = numberOf(value);
      return number === undefined ? undefined : severityFromWindowsLevel(number);
    }) ??
    reader.first(['LevelDisplayName', 'Level', 'log.level', 'level', 'EventType', 'Severity'], (value) =>
      typeof value === 'string' ? severityFromLevelWord(value) : undefined,
    ) ??
    reader.first(['SeverityValue'], (value) => {
      const number = numberOf(value);
      return number === undefined ? undefined : severityFromNxlogValue(number);
    }) ??
    reader.first(['EntryType'], entryTypeSeverity);
  return level?.value ?? 'unknown';
}

function auditOnly(severity: Severity | undefined): Severity | undefined {
  return severity === 'audit-success' || severity === 'audit-failure' ? severity : undefined;
}

/** Get-EventLog's EntryType: a number in Windows PowerShell's JSON, a name ("SuccessAudit") with -EnumsAsStrings. */
function entryTypeSeverity(value: JsonValue): Severity | undefined {
  const number = numberOf(value);
  if (number !== undefined) return severityFromEntryType(number);
  return typeof value === 'string' ? severityFromLevelWord(value) : undefined;
}

/** The numeric task when no task name was shipped; task 0 is Event Viewer's "None". */
function taskNumber(reader: EntryReader): string | null {
  const task = reader.integer(TASK_NUMBER_FIELDS);
  return task === null || task === 0 ? null : String(task);
}

/** The account in the event's System section (not the event data's subject or target). */
function windowsUser(reader: EntryReader): string | null {
  const pairs: readonly (readonly [string, string])[] = [
    ['winlog.user.domain', 'winlog.user.name'],
    ['Domain', 'AccountName'],
  ];
  for (const [domainPath, namePath] of pairs) {
    const user = accountName(reader.peek(domainPath), reader.peek(namePath));
    if (user === undefined) continue;
    reader.used.add(namePath);
    if (reader.peek(domainPath) !== undefined) reader.used.add(domainPath);
    return user;
  }
  return reader.text(['UserId.Value', 'UserID', 'UserId', 'UserName', 'winlog.user.identifier']);
}
