/**
 * Maps one Windows event XML element (schema http://schemas.microsoft.com/win/2004/08/events/event)
 * to a ParsedEvent: `<System>` gives the columns, `<EventData>`/`<UserData>` the insertion strings
 * or named fields, `<RenderingInfo>` (present when the exporting machine rendered the event) the
 * message and the names of level and task.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { Severity } from '../../../shared/model/severity';
import { severityFromWord } from '../../../shared/model/severity';
import { parseIsoLike } from './timestamps';
import { storableEventId, storableRecordId } from './event-numbers';
import type { XmlNode } from './eventviewer-xml-tree';
import { attribute, attributes, child, childElements, children, parseElement, textOf } from './eventviewer-xml-tree';

/** Windows Level values (winmeta.xml): 0 LogAlways, 1 Critical … 5 Verbose. */
const LEVELS: readonly Severity[] = ['information', 'critical', 'error', 'warning', 'information', 'verbose'];
/** Keyword bits the Security log sets on audit events. */
const AUDIT_FAILURE_BIT = 0x0010_0000_0000_0000n;
const AUDIT_SUCCESS_BIT = 0x0020_0000_0000_0000n;

/** One value from `<EventData>`/`<UserData>`; `name` is undefined for a positional insertion string. */
interface Field {
  name: string | undefined;
  value: string;
  /** `<Binary>`: a hex dump, kept as a field but left out of the fallback message. */
  binary?: boolean;
}

/** Reads one `<Event>` element's text: the event, or why it could not be read. */
export function readEventElement(xml: string, line: number): ParsedEvent | { reason: string } {
  const parsed = parseElement(xml);
  if ('reason' in parsed) return parsed;
  const event = parsed.root;
  const system = child(event, 'System');
  const rendering = child(event, 'RenderingInfo');
  const provider = child(system, 'Provider');
  const eventIdNode = child(system, 'EventID');
  const execution = child(system, 'Execution');

  const payload = payloadFields(event);
  const systemFields: { name: string; value: string }[] = [];
  for (const [name, value] of [
    ['Qualifiers', attribute(eventIdNode, 'Qualifiers')],
    ['ProcessID', attribute(execution, 'ProcessID')],
    ['ThreadID', attribute(execution, 'ThreadID')],
  ] as const) {
    if (value !== undefined) systemFields.push({ name, value });
  }
  const renderedMessage = textOf(child(rendering, 'Message')).trim();

  return {
    time: systemTime(attribute(child(system, 'TimeCreated'), 'SystemTime')),
    level: severityOf(system, rendering),
    provider: nonEmpty(attribute(provider, 'Name')) ?? nonEmpty(attribute(provider, 'EventSourceName')) ?? nonEmpty(textOf(child(rendering, 'Provider'))),
    eventId: storableEventId(integer(textOf(eventIdNode))),
    category: nonEmpty(textOf(child(rendering, 'Task'))) ?? taskNumber(textOf(child(system, 'Task'))),
    computer: nonEmpty(textOf(child(system, 'Computer'))),
    user: nonEmpty(attribute(child(system, 'Security'), 'UserID')),
    channel: nonEmpty(textOf(child(system, 'Channel'))) ?? nonEmpty(textOf(child(rendering, 'Channel'))),
    recordId: storableRecordId(integer(textOf(child(system, 'EventRecordID')))),
    message: renderedMessage || messageFromFields(payload),
    data: dataOf(payload, systemFields),
    raw: xml,
    line,
  };
}

/**
 * The level: audit keywords first (Security events say Level 0 and mean "audit"), then the Level
 * number, then the rendered level name (custom levels above 5 have one), else unknown.
 */
function severityOf(system: XmlNode | undefined, rendering: XmlNode | undefined): Severity {
  const audit = auditFromMask(textOf(child(system, 'Keywords')).trim()) ?? auditFromWords(rendering);
  if (audit) return audit;
  const level = integer(textOf(child(system, 'Level')));
  const fromNumber = level === null ? undefined : LEVELS[level];
  if (fromNumber) return fromNumber;
  return severityFromWord(textOf(child(rendering, 'Level'))) ?? 'unknown';
}

function auditFromMask(keywords: string): Severity | undefined {
  if (!/^0x[0-9a-fA-F]{1,16}$/.test(keywords)) return undefined;
  const mask = BigInt(keywords);
  if (mask & AUDIT_FAILURE_BIT) return 'audit-failure';
  if (mask & AUDIT_SUCCESS_BIT) return 'audit-success';
  return undefined;
}

/** The rendered keyword names ("Audit Failure"), for exports that carry no usable mask. */
function auditFromWords(rendering: XmlNode | undefined): Severity | undefined {
  for (const keyword of children(child(rendering, 'Keywords'), 'Keyword')) {
    const severity = severityFromWord(textOf(keyword));
    if (severity === 'audit-failure' || severity === 'audit-success') return severity;
  }
  return undefined;
}

/** `<EventData>` values in order, then `<UserData>` fields; `<Binary>` kept as a field. */
function payloadFields(event: XmlNode): Field[] {
  const fields: Field[] = [];
  const eventData = child(event, 'EventData');
  for (const data of children(eventData, 'Data')) {
    const name = attribute(data, 'Name');
    fields.push({ name: name || undefined, value: textOf(data) });
  }
  const binary = child(eventData, 'Binary');
  if (binary) fields.push({ name: 'Binary', value: textOf(binary).trim(), binary: true });
  // UserData holds one provider-defined element (e.g. <LogFileCleared>) whose children are the fields.
  const userData = child(event, 'UserData');
  if (userData) for (const [, wrapper] of childElements(userData)) flattenInto(fields, wrapper, '');
  return fields;
}

/** Adds each leaf below `node` as a field, naming nested ones `Parent.Child`. */
function flattenInto(fields: Field[], node: XmlNode, prefix: string): void {
  for (const [name, element] of childElements(node)) {
    // Some providers write <Data Name="X"> inside UserData too: the Name is the field's name.
    const fieldName = prefix + (attribute(element, 'Name') || name);
    const nested = childElements(element);
    if (nested.length > 0) {
      flattenInto(fields, element, `${fieldName}.`);
      continue;
    }
    fields.push({ name: fieldName, value: textOf(element) });
    for (const [attributeName, value] of attributes(element)) {
      if (attributeName !== 'Name' && !attributeName.startsWith('xmlns')) fields.push({ name: `${fieldName}@${attributeName}`, value });
    }
  }
}

/**
 * Insertion strings alone stay a string array (positions are what message templates use); as soon
 * as anything is named, all become named fields and positional ones are called `%1`, `%2`… by their
 * place among the `<Data>` values.
 */
function dataOf(payload: readonly Field[], systemFields: readonly { name: string; value: string }[]): ParsedEvent['data'] {
  if (payload.length === 0 && systemFields.length === 0) return null;
  if (systemFields.length === 0 && payload.every((field) => field.name === undefined)) return payload.map((field) => field.value);
  const named = new Map<string, string>();
  const add = (name: string, value: string): void => {
    let key = name;
    for (let copy = 2; named.has(key); copy++) key = `${name}#${copy}`;
    named.set(key, value);
  };
  payload.forEach((field, index) => add(field.name ?? `%${index + 1}`, field.value));
  for (const field of systemFields) add(field.name, field.value);
  // fromEntries defines own properties, so a field called "__proto__" is just a field.
  return Object.fromEntries(named);
}

/** Without a rendered message the values are the message, so that search still finds them. */
function messageFromFields(payload: readonly Field[]): string {
  const values = payload.filter((field) => !field.binary).map((field) => (field.name === undefined ? field.value : `${field.name}=${field.value}`));
  if (values.length === 0) return 'Message not available — no insertion strings';
  return `Message not available — insertion strings: ${values.join('; ')}`;
}

/** `TimeCreated SystemTime` is UTC by definition, written with 7 (or 9) fractional digits. */
function systemTime(value: string | undefined): number | null {
  const parsed = value === undefined ? undefined : parseIsoLike(value.trim());
  return parsed ? parsed.time : null;
}

/** Task 0 is "no task" (Event Viewer shows None); other unnamed tasks show their number. */
function taskNumber(task: string): string | null {
  const trimmed = task.trim();
  return trimmed === '' || trimmed === '0' ? null : trimmed;
}

function integer(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,20}$/.test(trimmed) ? Number(trimmed) : null;
}

function nonEmpty(text: string | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
