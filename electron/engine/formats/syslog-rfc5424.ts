/**
 * The RFC 5424 part of a syslog line, after `<PRI>VERSION `:
 * `TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`, where any field may be the
 * NILVALUE `-` and STRUCTURED-DATA is `-` or one or more `[id name="value" …]` elements.
 */
import { parseIsoLike } from './timestamps';

/** The header fields of an RFC 5424 message, NILVALUEs left out. */
export interface Rfc5424Fields {
  /** Absent when the timestamp is the NILVALUE. */
  stamp?: { time: number; hasZone: boolean };
  host?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  /** The STRUCTURED-DATA text as written, and its parameters in order. */
  structuredData?: { text: string; params: [id: string, name: string, value: string][] };
  message: string;
}

const HEADER_FIELDS = /^(\S+) (\S+) (\S+) (\S+) (\S+)(?: (.*))?$/s;

/** Reads what follows `<PRI>VERSION `; undefined when it is not an RFC 5424 header. */
export function parseRfc5424(text: string): Rfc5424Fields | undefined {
  const match = HEADER_FIELDS.exec(text);
  if (!match) return undefined;
  const [, timestamp, host, appName, procId, msgId, rest = ''] = match;
  let stamp: Rfc5424Fields['stamp'];
  if (timestamp !== '-') {
    const iso = parseIsoLike(timestamp!);
    // The whole field must be the timestamp: `2003-10-11T22:14:15.003Zjunk` is not one.
    if (!iso || iso.length !== timestamp!.length || !timestamp!.includes('T')) return undefined;
    stamp = { time: iso.time, hasZone: iso.hasZone };
  }
  const fields: Rfc5424Fields = { stamp, host: value(host!), appName: value(appName!), procId: value(procId!), msgId: value(msgId!), message: '' };
  if (rest.startsWith('-') && (rest.length === 1 || rest[1] === ' ')) {
    fields.message = cleanMessage(rest.slice(1));
    return fields;
  }
  const structured = rest.startsWith('[') ? parseStructuredData(rest) : undefined;
  if (structured) {
    fields.structuredData = { text: rest.slice(0, structured.end), params: structured.params };
    fields.message = cleanMessage(rest.slice(structured.end));
  } else {
    // Senders that skip the STRUCTURED-DATA field exist; keep their text as the message.
    fields.message = cleanMessage(rest);
  }
  return fields;
}

function value(field: string): string | undefined {
  return field === '-' ? undefined : field;
}

/** Drops the separating space and the UTF-8 BOM RFC 5424 allows at the start of MSG. */
function cleanMessage(text: string): string {
  return text.replace(/^\s+/, '').replace(/^\uFEFF/, '');
}

/**
 * Parses `[id name="value" …][id2 …]` at the start of `text`, honouring the `\"`, `\\` and `\]`
 * escapes inside values. Returns where the elements end (at a space or the end of the text) and
 * the parameters; undefined when the text is not well-formed structured data.
 */
export function parseStructuredData(
  text: string,
): { end: number; params: [id: string, name: string, value: string][] } | undefined {
  const params: [string, string, string][] = [];
  let position = 0;
  while (text[position] === '[') {
    const id = /^[^\s=\]"]+/.exec(text.slice(position + 1, position + 1 + 64));
    if (!id) return undefined;
    position += 1 + id[0].length;
    while (text[position] === ' ') {
      const name = /^([^\s=\]"]+)="/.exec(text.slice(position + 1, position + 1 + 64));
      if (!name) return undefined;
      position += 1 + name[0].length;
      let parsed = '';
      for (;;) {
        const c = text[position];
        if (c === undefined) return undefined;
        position++;
        if (c === '"') break;
        if (c === '\\' && (text[position] === '"' || text[position] === '\\' || text[position] === ']')) {
          parsed += text[position];
          position++;
          continue;
        }
        parsed += c;
      }
      params.push([id[0], name[1]!, parsed]);
    }
    if (text[position] !== ']') return undefined;
    position++;
  }
  if (position === 0 || (position < text.length && text[position] !== ' ')) return undefined;
  return { end: position, params };
}
