/**
 * Turns the fields collected from one record's XML into a ParsedEvent: the columns, the level
 * (audit keywords first), `data`, and the message (RenderingInfo, else a catalog or built-in
 * template, else the insertion strings so the event stays searchable).
 */
import type { ParsedEvent } from '../../../../shared/model/log-event';
import type { Severity } from '../../../../shared/model/severity';
import { severityFromWindowsLevel, severityFromWord } from '../../../../shared/model/severity';
import type { MessageCatalog } from '../messages/render';
import { storableEventId, storableRecordId } from '../event-numbers';
import { renderMessage } from '../messages/render';
import type { EventFieldCollector } from './evtx-event-fields';

/** Windows Level values (winmeta.xml): 0 LogAlways, 1 Critical … 5 Verbose. */
/** Keyword bits 52 and 53 (audit failure/success) as bits of the mask's upper 32 bits. */
const AUDIT_FAILURE_HIGH_BIT = 0x0010_0000;
const AUDIT_SUCCESS_HIGH_BIT = 0x0020_0000;

/** What the record header says, for when the XML lacks it. */
export interface RecordHeader {
  readonly recordId: number;
  /** Where the record starts in the file (the event's `line` for a binary format). */
  readonly fileOffset: number;
  /** The record's written time (ms since epoch, UTC). */
  readonly writtenTime: number;
}

/** Builds the event for one record from its collected fields and rendered XML. */
export function buildEvent(fields: EventFieldCollector, raw: string, header: RecordHeader, catalog: MessageCatalog | undefined): ParsedEvent {
  const eventId = storableEventId(integer(fields.eventId));
  const recordId = storableRecordId(integer(fields.recordId)) ?? storableRecordId(header.recordId);
  const provider = nonEmpty(fields.provider) ?? nonEmpty(fields.eventSourceName) ?? nonEmpty(fields.renderedProvider);
  return {
    time: systemTime(fields.systemTime) ?? header.writtenTime,
    level: severityOf(fields),
    provider,
    eventId,
    category: nonEmpty(fields.renderedTask) ?? taskNumber(fields.task),
    computer: nonEmpty(fields.computer),
    user: nonEmpty(fields.userId),
    channel: nonEmpty(fields.channel) ?? nonEmpty(fields.renderedChannel),
    recordId,
    message:
      nonEmpty(fields.renderedMessage) ??
      renderMessage({
        provider,
        eventId,
        qualifiers: integer(fields.qualifiers),
        strings: fields.insertionStrings,
        catalog,
        recordId,
      }) ??
      messageFromFields(fields),
    data: dataOf(fields),
    raw,
    line: header.fileOffset,
  };
}

/** Audit keywords first (Security events say Level 0 and mean "audit"), then the Level number. */
function severityOf(fields: EventFieldCollector): Severity {
  const audit = auditFromMask(fields.keywords) ?? auditFromWords(fields.renderedKeywords);
  if (audit) return audit;
  const level = integer(fields.level);
  const fromNumber = level === null ? undefined : severityFromWindowsLevel(level);
  if (fromNumber) return fromNumber;
  return (fields.renderedLevel && severityFromWord(fields.renderedLevel)) || 'unknown';
}

/** The audit bits of a `0x…` keyword mask (up to 16 hex digits). */
function auditFromMask(keywords: string | null): Severity | undefined {
  if (!keywords || keywords.length < 3 || keywords.length > 18 || keywords.charCodeAt(0) !== 48 || (keywords.charCodeAt(1) | 0x20) !== 0x78) return undefined;
  // Only the digits above the low 32 bits matter: they hold bits 52 and 53.
  const high = keywords.length > 10 ? parseInt(keywords.slice(2, keywords.length - 8), 16) : 0;
  if (Number.isNaN(high)) return undefined;
  if (high & AUDIT_FAILURE_HIGH_BIT) return 'audit-failure';
  if (high & AUDIT_SUCCESS_HIGH_BIT) return 'audit-success';
  return undefined;
}

/** Forwarded events carry rendered keyword names ("Audit Failure"). */
function auditFromWords(keywords: readonly string[]): Severity | undefined {
  for (const keyword of keywords) {
    const severity = severityFromWord(keyword);
    if (severity === 'audit-failure' || severity === 'audit-success') return severity;
  }
  return undefined;
}

/**
 * Insertion strings alone stay a string array (positions are what message templates use); as soon
 * as anything is named — a `<Data Name>`, a UserData field, `<Binary>` or a System value such as
 * ProcessID — all become named fields and positional ones are called `%1`, `%2`… by their place.
 */
function dataOf(fields: EventFieldCollector): ParsedEvent['data'] {
  const { payloadNames: names, payloadValues: values } = fields;
  const hasSystem = !!(fields.qualifiers || fields.processId || fields.threadId || fields.version || fields.opcode || fields.keywords);
  if (!hasSystem && fields.binary === null) {
    if (values.length === 0) return null;
    if (names.every((name) => name === undefined)) return values;
  }
  const data: Record<string, string> = {};
  for (let i = 0; i < values.length; i++) addField(data, names[i] ?? `%${i + 1}`, values[i] as string);
  if (fields.binary !== null) addField(data, 'Binary', fields.binary);
  if (fields.qualifiers) addField(data, 'Qualifiers', fields.qualifiers);
  if (fields.processId) addField(data, 'ProcessID', fields.processId);
  if (fields.threadId) addField(data, 'ThreadID', fields.threadId);
  if (fields.version) addField(data, 'Version', fields.version);
  if (fields.opcode) addField(data, 'Opcode', fields.opcode);
  if (fields.keywords) addField(data, 'Keywords', fields.keywords);
  return data;
}

/** Adds a field; a repeated name becomes `Name#2`, `Name#3`… */
function addField(data: Record<string, string>, name: string, value: string): void {
  let key = name;
  for (let copy = 2; Object.hasOwn(data, key); copy++) key = `${name}#${copy}`;
  // A field called "__proto__" must stay a field, not set the object's prototype.
  if (key === '__proto__') Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
  else data[key] = value;
}

/** Without a rendered message the values are the message, so that search still finds them. */
function messageFromFields(fields: EventFieldCollector): string {
  const { payloadNames: names, payloadValues: values } = fields;
  if (values.length === 0) return 'Message not available — no insertion strings';
  let text = 'Message not available — insertion strings: ';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += '; ';
    const name = names[i];
    text += name === undefined ? (values[i] as string) : `${name}=${values[i] as string}`;
  }
  return text;
}

/** The last whole second parsed, and its time: records of one chunk share a few seconds. */
let lastSecondText = '';
let lastSecondTime = 0;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `TimeCreated SystemTime` (UTC): "YYYY-MM-DDTHH:MM:SS[.fraction][Z]", as the renderer formats
 * FILETIMEs or as a template may hold it in text.
 */
export function systemTime(text: string | null): number | null {
  if (text === null || text.length < 19) return null;
  let base: number;
  if (text.startsWith(lastSecondText) && lastSecondText !== '') {
    base = lastSecondTime;
  } else {
    if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
    base = Date.UTC(digits(text, 0, 4), digits(text, 5, 2) - 1, digits(text, 8, 2), digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2));
    if (!Number.isFinite(base)) return null;
    lastSecondText = text.slice(0, 19);
    lastSecondTime = base;
  }
  // Milliseconds: the first three fractional digits, if any.
  let ms = 0;
  if (text.charCodeAt(19) === 46) {
    for (let i = 20, scale = 100; i < 23 && i < text.length; i++, scale /= 10) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      ms += digit * scale;
    }
  }
  return base + ms;
}

/** Task 0 is "no task" (Event Viewer shows None); other unnamed tasks show their number. */
function taskNumber(task: string | null): string | null {
  const trimmed = task?.trim();
  return !trimmed || trimmed === '0' ? null : trimmed;
}

function integer(text: string | null): number | null {
  if (text === null) return null;
  const trimmed = text.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : null;
}

function nonEmpty(text: string | null): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
