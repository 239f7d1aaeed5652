/**
 * Event message rendering. .evtx and .evt records hold insertion strings, not the message users
 * know: that text lives in the provider's message file on the machine that wrote the log. Logsift
 * renders a message where it can — from a catalog the caller has (a LocaleMetaData .MTA file saved
 * beside the log) or from the templates it ships for the providers its knowledge base covers — and
 * otherwise returns undefined so the caller shows the insertion strings instead.
 *
 * Substitution follows FormatMessage as the Event Viewer applies it: %1…%99 (an optional
 * printf-style `!fmt!` after the number is skipped: the string goes in as it is), %% → %, %n → new
 * line, %t → tab, %r → CR, %b → space, %. → '.', %! → '!', %0 ends the message. `%%NNNN` (a
 * parameter-message reference, as in Security events) is kept as written. A missing insertion
 * string renders as nothing. Insertion strings are inserted verbatim, never re-scanned.
 */
import { builtinTemplate } from './builtin-templates';

/** Message texts from outside the built-in set (a LocaleMetaData file, a message DLL dump…). */
export interface MessageCatalog {
  /**
   * The message template (with %1… placeholders) for an event, or undefined. `eventId` is the
   * low 16 bits; `qualifiers` the high 16 bits of a classic event ID (XML `Qualifiers`), if known.
   */
  lookup(provider: string, eventId: number, qualifiers: number | null): string | undefined;
  /**
   * The already rendered message of one record (by EventRecordID), for catalogs that hold
   * per-record text rather than templates: that is what a LocaleMetaData .MTA file is.
   */
  recordMessage?(recordId: number): string | undefined;
}

export interface RenderRequest {
  provider: string | null;
  /** Event ID as read; only its low 16 bits select the template. */
  eventId: number | null;
  /** High 16 bits of a classic event ID; derived from `eventId` when null and it has them. */
  qualifiers: number | null;
  strings: readonly string[];
  catalog?: MessageCatalog;
  /** The record's EventRecordID (record number for .evt): lets per-record catalogs answer. */
  recordId?: number | null;
}

/** A compiled template: literal text, or the 0-based index of an insertion string. */
type Part = string | number;

const compiled = new Map<string, readonly Part[]>();
const CACHE_LIMIT = 20_000;

/**
 * Renders an event's message, or returns undefined when no text is known for it. Order: the
 * catalog's per-record message, the catalog's template, the built-in template.
 */
export function renderMessage(request: RenderRequest): string | undefined {
  const { catalog } = request;
  if (catalog?.recordMessage && request.recordId != null) {
    const message = safeCall(() => catalog.recordMessage?.(request.recordId as number));
    if (message !== undefined) return message;
  }
  if (request.provider == null || request.eventId == null) return undefined;
  const eventId = request.eventId & 0xffff;
  const qualifiers = request.qualifiers ?? (request.eventId > 0xffff ? Math.floor(request.eventId / 0x10000) & 0xffff : null);
  const template =
    (catalog && safeCall(() => catalog.lookup(request.provider as string, eventId, qualifiers))) ??
    builtinTemplate(request.provider, eventId);
  return template === undefined ? undefined : substitute(template, request.strings);
}

/** Fills a template's placeholders with insertion strings (see the module comment for the rules). */
export function substitute(template: string, strings: readonly string[]): string {
  const parts = compile(template);
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : (strings[part] ?? '');
  return out;
}

function compile(template: string): readonly Part[] {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = parse(template);
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function parse(template: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  const length = template.length;
  let i = 0;
  outer: while (i < length) {
    const percent = template.indexOf('%', i);
    if (percent < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, percent);
    i = percent + 1;
    if (i >= length) {
      text += '%';
      break;
    }
    const c = template[i];
    const code = template.charCodeAt(i);
    if (isDigit(code)) {
      let number = code - 48;
      i++;
      if (i < length && isDigit(template.charCodeAt(i))) {
        number = number * 10 + template.charCodeAt(i) - 48;
        i++;
      }
      if (number === 0) break outer; // %0: end of message, no trailing new line
      if (template[i] === '!') {
        const close = template.indexOf('!', i + 1);
        if (close > 0) i = close + 1;
      }
      if (text) parts.push(text);
      text = '';
      parts.push(number - 1);
      continue;
    }
    i++;
    switch (c) {
      case '%':
        if (i < length && isDigit(template.charCodeAt(i))) text += '%%'; // %%NNNN: parameter reference
        else text += '%';
        break;
      case 'n':
        text += '\n';
        break;
      case 't':
        text += '\t';
        break;
      case 'r':
        text += '\r';
        break;
      case 'b':
      case ' ':
        text += ' ';
        break;
      case '.':
      case '!':
        text += c;
        break;
      default:
        text += `%${c}`;
    }
  }
  if (text) parts.push(text);
  if (parts.length === 0) parts.push('');
  return parts;
}

function safeCall<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}
