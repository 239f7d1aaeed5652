/**
 * Turns one `<Event>` element's text into a tree of plain objects with fast-xml-parser, and reads
 * values out of that tree with types. Entities are decoded here rather than by the library: it would
 * also expand entities a DOCTYPE declares (hostile content), and it leaves numeric character
 * references such as `&#10;` undecoded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element as fast-xml-parser builds it: `@_name` attributes, `#text`, child elements by name. */
export type XmlNode = { readonly [key: string]: unknown };

const ATTRIBUTE_PREFIX = '@_';
const TEXT_KEY = '#text';
/** Elements that repeat and must keep their order (insertion strings, keyword names). */
const REPEATED = new Set(['Data', 'Keyword']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT_KEY,
  alwaysCreateTextNode: true,
  // Values are log data: keep "0012" and "  padded  " exactly as written.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

/** Parses one element; answers the root node, or the reason it is not well-formed XML. */
export function parseElement(xml: string): { root: XmlNode } | { reason: string } {
  const text = inlineCdataSections(xml);
  // A DOCTYPE can only be an attack or damage inside an element: refuse it before any parsing.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { reason: 'malformed XML: a DOCTYPE or ENTITY declaration inside an event' };
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    return { reason: `malformed XML at line ${line}, column ${col} of the event: ${msg}` };
  }
  try {
    const document: unknown = parser.parse(text);
    const root = isNode(document) ? firstNode(document.Event) : undefined;
    return root ? { root } : { reason: 'no <Event> element' };
  } catch (error) {
    // The library refuses some names (`__proto__`); anything it throws is a reason, never a crash.
    return { reason: `malformed XML: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The first child element called `name`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node ? firstNode(node[name]) : undefined;
}

/** All child elements called `name`, in document order. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

/** The child elements of `node` as [name, element] pairs, grouped by name in first-seen order. */
export function childElements(node: XmlNode): [string, XmlNode][] {
  const elements: [string, XmlNode][] = [];
  for (const name of Object.keys(node)) {
    if (name === TEXT_KEY || name.startsWith(ATTRIBUTE_PREFIX)) continue;
    for (const element of children(node, name)) elements.push([name, element]);
  }
  return elements;
}

/** The element's decoded text (its own text nodes, joined); '' when it has none. */
export function textOf(node: XmlNode | undefined): string {
  const value = node?.[TEXT_KEY];
  return typeof value === 'string' ? decodeEntities(value) : '';
}

/** An attribute's decoded value, or undefined when the element or attribute is missing. */
export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[ATTRIBUTE_PREFIX + name];
  return typeof value === 'string' ? decodeEntities(value) : undefined;
}

/** The attributes of `node` as [name, decoded value] pairs. */
export function attributes(node: XmlNode): [string, string][] {
  return Object.entries(node)
    .filter((entry): entry is [string, string] => entry[0].startsWith(ATTRIBUTE_PREFIX) && typeof entry[1] === 'string')
    .map(([name, value]) => [name.slice(ATTRIBUTE_PREFIX.length), decodeEntities(value)]);
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstNode(value: unknown): XmlNode | undefined {
  if (Array.isArray(value)) return value.find(isNode);
  return isNode(value) ? value : undefined;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;

/**
 * Decodes the five XML entities and numeric character references in one pass (so `&amp;#10;`
 * stays `&#10;`). Anything else, and references to code points that cannot exist, stay as written.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (name) return NAMED_ENTITIES[name] ?? whole;
    const codePoint = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : whole;
  });
}

/**
 * Rewrites CDATA sections as escaped text, so that their content reaches the tree in place and is
 * not entity-decoded later (the library would keep CDATA apart and lose its position in the text).
 * Comments are stepped over: a `<![CDATA[` inside one is not a section.
 */
export function inlineCdataSections(xml: string): string {
  if (!xml.includes('<![CDATA[')) return xml;
  let result = '';
  let at = 0;
  for (;;) {
    const cdata = xml.indexOf('<![CDATA[', at);
    if (cdata === -1) break;
    const comment = xml.indexOf('<!--', at);
    if (comment !== -1 && comment < cdata) {
      const commentEnd = xml.indexOf('-->', comment + 4);
      if (commentEnd === -1) break;
      result += xml.slice(at, commentEnd + 3);
      at = commentEnd + 3;
      continue;
    }
    const end = xml.indexOf(']]>', cdata + 9);
    // An unclosed section is left for the validator to report.
    if (end === -1) break;
    result += xml.slice(at, cdata) + xml.slice(cdata + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    at = end + 3;
  }
  return result + xml.slice(at);
}
