/**
 * Turns the values of one W3C data line into an event: every field kept by name in `data`, and the
 * columns an admin filters on (level, status, user, server) read from the fields each product has.
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { Severity } from '../../../shared/model/severity';
import type { W3cHeader } from './w3c-header';
import type { FieldLookup } from './w3c-time';

/** One data line that matched its `#Fields:` directive. */
export interface W3cRecord {
  values: readonly string[];
  raw: string;
  line: number;
  time: number | null;
}

/** A lookup by lower-cased field name over one line's values. */
export function fieldLookup(header: W3cHeader, values: readonly string[]): FieldLookup {
  return (name) => {
    const column = header.columns.get(name);
    return column === undefined ? undefined : values[column];
  };
}

/** The event for a data line, summarised the way its product's admins read it. */
export function w3cEvent(header: W3cHeader, record: W3cRecord): ParsedEvent {
  const get = fieldLookup(header, record.values);
  const text = (name: string): string => get(name) ?? '';
  const mapped = mapFields(header, text, record.values);
  return {
    time: record.time,
    level: mapped.level,
    provider: header.provider,
    eventId: mapped.eventId,
    category: mapped.category,
    computer: mapped.computer,
    user: mapped.user,
    channel: header.logType,
    recordId: null,
    message: mapped.message,
    data: fieldsByName(header.fields ?? [], record.values),
    raw: record.raw,
    line: record.line,
  };
}

/** Every field by its name as written. */
function fieldsByName(names: readonly string[], values: readonly string[]): Record<string, string> {
  const data: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    // A plain assignment to "__proto__" would set the prototype instead: define it as a field.
    if (name === '__proto__') Object.defineProperty(data, name, { value: values[i] ?? '', enumerable: true, writable: true, configurable: true });
    else data[name] = values[i] ?? '';
  }
  return data;
}

/** The columns each kind of log fills from its fields. */
interface Mapped {
  level: Severity;
  eventId: number | null;
  category: string | null;
  computer: string | null;
  user: string | null;
  message: string;
}

function mapFields(header: W3cHeader, text: (name: string) => string, values: readonly string[]): Mapped {
  const base: Mapped = {
    level: 'information',
    eventId: null,
    category: null,
    computer: text('s-computername') || text('s-ip') || null,
    user: text('cs-username') || null,
    message: '',
  };
  switch (header.kind) {
    case 'web':
    case 'http-error':
      return webFields(base, header, text);
    case 'firewall':
      return firewallFields(base, text);
    case 'exchange-tracking':
      return exchangeTrackingFields(base, text);
    case 'exchange':
      base.computer = text('server-hostname') || base.computer;
      base.message = genericMessage(header, values);
      return base;
    case 'generic':
      base.level = 'unknown';
      base.message = genericMessage(header, values);
      return base;
  }
}

/** IIS and HTTP.sys: `GET /owa/ 302 (12 ms) from 10.0.0.1`, levelled by the HTTP status. */
function webFields(base: Mapped, header: W3cHeader, text: (name: string) => string): Mapped {
  const statusText = text('sc-status');
  const status = /^\d{1,3}$/.test(statusText) ? Number(statusText) : null;
  const substatus = text('sc-substatus');
  const reason = text('s-reason');
  const parts = [
    text('cs-method'),
    text('cs-uri-stem') || text('cs-uri'),
    // IIS admins read "401.1"; a substatus that is not a number is left to `data`.
    statusText && /^[1-9]\d*$/.test(substatus) ? `${statusText}.${substatus}` : statusText,
    timeTaken(header, text),
    reason,
  ];
  const client = text('c-ip');
  if (client) parts.push(`from ${client}`);
  return {
    ...base,
    level: status === null ? 'information' : status >= 500 ? 'error' : status >= 400 ? 'warning' : 'information',
    eventId: status,
    // HTTPERR lines are about why HTTP.sys refused a connection; the reason groups them best.
    category: (header.kind === 'http-error' ? reason : text('cs-method')) || null,
    message: parts.filter((part) => part !== '').join(' '),
  };
}

function timeTaken(header: W3cHeader, text: (name: string) => string): string {
  const explicitMs = text('timetakenms');
  if (explicitMs) return `(${explicitMs} ms)`;
  const taken = text('time-taken');
  if (!taken) return '';
  // IIS and HTTP.sys write milliseconds; the W3C draft (and other servers) use seconds or more.
  return header.provider === 'IIS' || header.provider === 'HTTP.sys' ? `(${taken} ms)` : `(time-taken ${taken})`;
}

/** Windows Firewall: `DROP TCP 10.0.0.5:51234 -> 10.0.0.9:445 (RECEIVE)`. */
function firewallFields(base: Mapped, text: (name: string) => string): Mapped {
  const action = text('action');
  const upper = action.toUpperCase();
  if (upper === 'INFO-EVENTS-LOST') {
    // The firewall could not keep up and says how many entries it did not write.
    const lost = text('info');
    return { ...base, level: 'warning', category: action, computer: null, message: lost ? `${action}: ${lost} events lost` : action };
  }
  const parts = [action, text('protocol'), `${endpoint(text('src-ip'), text('src-port'))} -> ${endpoint(text('dst-ip'), text('dst-port'))}`];
  const icmpType = text('icmptype');
  if (icmpType) parts.push(`type ${icmpType} code ${text('icmpcode') || '?'}`);
  const path = text('path');
  if (path) parts.push(`(${path})`);
  return {
    ...base,
    level: upper === 'DROP' ? 'warning' : 'information',
    category: action || null,
    computer: null,
    message: parts.filter((part) => part !== '').join(' '),
  };
}

function endpoint(ip: string, port: string): string {
  const host = ip.includes(':') && port ? `[${ip}]` : ip || '?';
  return port ? `${host}:${port}` : host;
}

/** Exchange message tracking: `FAIL <sender> -> <recipient>: <recipient-status>`. */
function exchangeTrackingFields(base: Mapped, text: (name: string) => string): Mapped {
  const eventId = text('event-id');
  const sender = text('sender-address');
  const recipients = text('recipient-address').split(';').filter(Boolean).join(', ');
  const status = text('recipient-status');
  const route =
    sender && recipients ? `${sender} -> ${recipients}` : sender ? `from ${sender}` : recipients ? `to ${recipients}` : text('source');
  const summary = [eventId, route].filter(Boolean).join(' ');
  return {
    ...base,
    level: trackingLevel(eventId.toUpperCase()),
    category: eventId || null,
    computer: trackingServer(eventId.toUpperCase(), text),
    user: sender || null,
    message: status ? `${summary}: ${status}` : summary,
  };
}

/** Events on the sending side of SMTP name the remote host as "server": the logging server is then the client. */
const SMTP_SEND_EVENTS = new Set(['SEND', 'DEFER', 'FAIL']);

function trackingServer(eventId: string, text: (name: string) => string): string | null {
  const sending = text('source').toUpperCase() === 'SMTP' && SMTP_SEND_EVENTS.has(eventId);
  const local = sending ? [text('client-hostname'), text('client-ip')] : [text('server-hostname'), text('server-ip')];
  return local.find((value) => value !== '') ?? null;
}

/** FAIL, SUBMITFAIL, RESUBMITFAIL, HAREDIRECTFAIL, BADMAIL and POISONMESSAGE lose mail; DEFERs and DROP delay or discard it. */
function trackingLevel(eventId: string): Severity {
  if (eventId.endsWith('FAIL') || eventId === 'BADMAIL' || eventId === 'POISONMESSAGE') return 'error';
  if (eventId.endsWith('DEFER') || eventId === 'DROP' || eventId === 'THROTTLE') return 'warning';
  return 'information';
}

const TIME_FIELDS = new Set(['date', 'time', 'date-time', 'date-local', 'time-local']);

/** For products Logsift has no summary for: the non-empty values other than the time. */
function genericMessage(header: W3cHeader, values: readonly string[]): string {
  return (header.fields ?? [])
    .map((name, i) => (TIME_FIELDS.has(name.toLowerCase()) ? '' : (values[i] ?? '')))
    .filter((value) => value !== '')
    .join(' ');
}
