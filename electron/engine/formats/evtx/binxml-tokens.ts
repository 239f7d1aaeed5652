/**
 * Binary XML token stream → node tree. Names and template definitions are referenced by offset
 * within the chunk (stored inline the first time they appear), so each chunk keeps a cache of both
 * (binxml-context.ts): a template is parsed once and reused by every record that instantiates it.
 *
 * Bounds: every read is checked against the fragment's end; element nesting and the nesting of
 * templates/BinXml values are capped, so damaged bytes produce a BinXmlError, never a hang.
 */
import type { AttributeNode, BinXmlNode, ElementNode, SubstitutionValue, Template, TemplateNode } from './binxml-model';
import {
  BinXmlFragment,
  NODE_CDATA,
  NODE_CHAR_REF,
  NODE_ELEMENT,
  NODE_ENTITY_REF,
  NODE_PI,
  NODE_SUBSTITUTION,
  NODE_TEMPLATE,
  NODE_TEXT,
} from './binxml-model';
import type { NestedBinXmlReader } from './binxml-values';
import { decodeValue, VALUE_ANSI_STRING, VALUE_ARRAY, VALUE_STRING } from './binxml-values';
import { escapeAttribute, escapeText, needsEscape } from './binxml-escape';
import { hexOffset, utf16 } from './evtx-bytes';
import type { ChunkContext } from './binxml-context';
import { BinXmlError, CHUNK_HEADER_SIZE, nameAt, nameCount } from './binxml-context';

export const TOKEN_END_OF_STREAM = 0x00;
export const TOKEN_OPEN_START_ELEMENT = 0x01;
export const TOKEN_CLOSE_START_ELEMENT = 0x02;
export const TOKEN_CLOSE_EMPTY_ELEMENT = 0x03;
export const TOKEN_END_ELEMENT = 0x04;
export const TOKEN_VALUE = 0x05;
export const TOKEN_ATTRIBUTE = 0x06;
export const TOKEN_CDATA = 0x07;
export const TOKEN_CHAR_REF = 0x08;
export const TOKEN_ENTITY_REF = 0x09;
export const TOKEN_PI_TARGET = 0x0a;
export const TOKEN_PI_DATA = 0x0b;
export const TOKEN_TEMPLATE_INSTANCE = 0x0c;
export const TOKEN_NORMAL_SUBSTITUTION = 0x0d;
export const TOKEN_OPTIONAL_SUBSTITUTION = 0x0e;
export const TOKEN_FRAGMENT_HEADER = 0x0f;
/** Set on element, value, attribute and reference tokens when more of the same list follows. */
export const TOKEN_MORE_FLAG = 0x40;

/** Template instances and nested BinXml values deeper than this are treated as damage. */
const MAX_NESTING = 12;
/** Elements deeper than this are damage (real events nest fewer than ten). */
const MAX_ELEMENT_DEPTH = 64;
/** The template definition at `offset`, parsed on first use; a bad one stays bad for the chunk. */
export function templateAt(context: ChunkContext, offset: number, nesting: number): Template {
  const cached = context.templates.get(offset);
  if (cached instanceof BinXmlError) throw cached;
  if (cached) return cached;
  let result: Template | BinXmlError;
  if (offset < CHUNK_HEADER_SIZE || offset + 24 > context.bytes.length) {
    result = new BinXmlError(`bad template offset ${hexOffset(offset)}`);
  } else {
    const size = context.view.getUint32(offset + 20, true);
    const start = offset + 24;
    if (size < 4 || start + size > context.bytes.length) {
      result = new BinXmlError(`template at ${hexOffset(offset)} has a bad size (${size})`);
    } else {
      try {
        result = { offset, nodes: parseFragment(context, start, start + size, true, nesting + 1) };
      } catch (error) {
        result = error instanceof BinXmlError ? error : new BinXmlError(String(error));
      }
    }
  }
  context.templates.set(offset, result);
  if (result instanceof BinXmlError) throw result;
  return result;
}

/**
 * Precomputes what rendering can reuse for every record: each attribute's literal value or single
 * substitution, and the start tag with its leading literal attributes (`<Data Name="Status"`).
 */
function finishStartTag(element: ElementNode | undefined): void {
  if (!element) return;
  for (const attribute of element.attributes) {
    const parts = attribute.value;
    if (parts.every((part) => part.kind === NODE_TEXT)) attribute.literal = parts.map((part) => (part.kind === NODE_TEXT ? part.text : '')).join('');
    else if (parts.length === 1 && parts[0]?.kind === NODE_SUBSTITUTION) attribute.single = parts[0].index;
  }
  let tag = `<${element.name}`;
  let count = 0;
  for (const attribute of element.attributes) {
    if (attribute.literal === null) break;
    tag += `${attribute.prefix}${escapeAttribute(attribute.literal)}"`;
    count++;
  }
  element.startTag = tag;
  element.staticAttributes = count;
}

/**
 * Parses the Binary XML in bytes[start, end) of the chunk. `dependencyIds`: template definitions
 * store a 16-bit dependency identifier in each element header, record bodies and nested BinXml
 * values do not; when the expected layout gives an impossible name offset the other is tried.
 */
export function parseFragment(context: ChunkContext, start: number, end: number, dependencyIds: boolean, nesting: number): BinXmlNode[] {
  if (nesting > MAX_NESTING) throw new BinXmlError(`Binary XML nested more than ${MAX_NESTING} deep`);
  return new FragmentReader(context, start, end, dependencyIds, nesting).read();
}

class FragmentReader implements NestedBinXmlReader {
  private pos: number;
  private readonly view: DataView;

  constructor(
    private readonly context: ChunkContext,
    start: number,
    private readonly end: number,
    private readonly dependencyIds: boolean,
    private readonly nesting: number,
  ) {
    this.pos = start;
    this.view = context.view;
    if (end > context.bytes.length) throw new BinXmlError('Binary XML runs past the chunk');
  }

  private need(bytes: number): void {
    if (this.pos + bytes > this.end) throw new BinXmlError(`Binary XML cut short at chunk offset ${hexOffset(this.pos)}`);
  }

  private u8(): number {
    this.need(1);
    return this.view.getUint8(this.pos++);
  }

  private u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return value;
  }

  private u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return value;
  }

  /** A length-prefixed UTF-16 string (value text, CDATA, PI data). */
  private prefixedString(): string {
    const count = this.u16();
    this.need(count * 2);
    const text = utf16(this.context.bytes, this.pos, count);
    this.pos += count * 2;
    return text;
  }

  /** A name reference; when it points right here, the name is stored inline and is skipped over. */
  private name(): string {
    const offset = this.u32();
    if (offset !== this.pos) return nameAt(this.context, offset);
    const count = nameCount(this.context, offset);
    if (count < 0) throw new BinXmlError(`bad inline name at ${hexOffset(offset)}`);
    this.pos = offset + 8 + count * 2 + 2;
    if (this.pos > this.end) throw new BinXmlError(`inline name at ${hexOffset(offset)} runs past its fragment`);
    return nameAt(this.context, offset);
  }

  /** Whether a name offset read at `at` could be right: inline right after it, or a name seen before. */
  private plausibleName(at: number): boolean {
    if (at + 4 > this.end) return false;
    const offset = this.view.getUint32(at, true);
    return offset === at + 4 || (offset < at && (this.context.names.has(offset) || nameCount(this.context, offset) >= 0));
  }

  read(): BinXmlNode[] {
    const roots: BinXmlNode[] = [];
    const stack: ElementNode[] = [];
    let attribute: AttributeNode | null = null;
    let inStartTag = false;
    const target = (): BinXmlNode[] => (attribute ? attribute.value : stack.length > 0 ? (stack[stack.length - 1] as ElementNode).children : roots);

    while (this.pos < this.end) {
      const tokenAt = this.pos;
      const byte = this.u8();
      const token = byte & ~TOKEN_MORE_FLAG;
      switch (token) {
        case TOKEN_END_OF_STREAM:
          return roots;
        case TOKEN_OPEN_START_ELEMENT: {
          if (stack.length >= MAX_ELEMENT_DEPTH) throw new BinXmlError(`elements nested more than ${MAX_ELEMENT_DEPTH} deep`);
          let withId = this.dependencyIds;
          if (!this.plausibleName(this.pos + (withId ? 6 : 4)) && this.plausibleName(this.pos + (withId ? 4 : 6))) withId = !withId;
          if (withId) this.u16();
          this.u32(); // element data size: the tokens say where it ends
          const name = this.name();
          const element: ElementNode = {
            kind: NODE_ELEMENT,
            name,
            startTag: `<${name}`,
            closeTag: `</${name}>`,
            staticAttributes: 0,
            attributes: [],
            children: [],
            substitutions: [],
            optionalContent: [],
          };
          if (byte & TOKEN_MORE_FLAG) this.u32(); // attribute list size
          attribute = null;
          target().push(element);
          stack.push(element);
          inStartTag = true;
          break;
        }
        case TOKEN_CLOSE_START_ELEMENT:
          if (inStartTag) finishStartTag(stack[stack.length - 1]);
          attribute = null;
          inStartTag = false;
          break;
        case TOKEN_CLOSE_EMPTY_ELEMENT:
        case TOKEN_END_ELEMENT:
          if (inStartTag) finishStartTag(stack[stack.length - 1]);
          attribute = null;
          inStartTag = false;
          stack.pop();
          break;
        case TOKEN_ATTRIBUTE: {
          const element = stack[stack.length - 1];
          if (!element || !inStartTag) throw new BinXmlError(`attribute outside a start tag at ${hexOffset(tokenAt)}`);
          const name = this.name();
          attribute = { name, prefix: ` ${name}="`, value: [], literal: null, single: -1 };
          element.attributes.push(attribute);
          break;
        }
        case TOKEN_VALUE: {
          const type = this.u8();
          if (type !== VALUE_STRING) throw new BinXmlError(`value text of type 0x${type.toString(16)} at ${hexOffset(tokenAt)}`);
          const text = this.prefixedString();
          target().push({ kind: NODE_TEXT, text, xml: escapeText(text), xmlAttribute: escapeAttribute(text) });
          break;
        }
        case TOKEN_CDATA:
          target().push({ kind: NODE_CDATA, text: this.prefixedString() });
          break;
        case TOKEN_CHAR_REF:
          target().push({ kind: NODE_CHAR_REF, code: this.u16() });
          break;
        case TOKEN_ENTITY_REF:
          target().push({ kind: NODE_ENTITY_REF, name: this.name() });
          break;
        case TOKEN_PI_TARGET:
          target().push({ kind: NODE_PI, target: this.name(), data: '' });
          break;
        case TOKEN_PI_DATA: {
          const nodes = target();
          const data = this.prefixedString();
          const last = nodes[nodes.length - 1];
          if (last?.kind === NODE_PI) nodes[nodes.length - 1] = { ...last, data };
          break;
        }
        case TOKEN_TEMPLATE_INSTANCE:
          target().push(this.templateInstance());
          break;
        case TOKEN_NORMAL_SUBSTITUTION:
        case TOKEN_OPTIONAL_SUBSTITUTION: {
          const index = this.u16();
          this.u8(); // declared type: the instance's descriptor gives the actual one
          const optional = token === TOKEN_OPTIONAL_SUBSTITUTION;
          target().push({ kind: NODE_SUBSTITUTION, index, optional });
          const owner = stack[stack.length - 1];
          owner?.substitutions.push(index);
          if (optional && !attribute) owner?.optionalContent.push(index);
          break;
        }
        case TOKEN_FRAGMENT_HEADER:
          this.need(3); // major 1, minor 1, flags
          this.pos += 3;
          break;
        default:
          throw new BinXmlError(`unknown Binary XML token 0x${byte.toString(16)} at chunk offset ${hexOffset(tokenAt)}`);
      }
    }
    return roots;
  }

  /** A BinXml substitution value: parsed like a record body, one level deeper. */
  nested(start: number, end: number): BinXmlFragment {
    return new BinXmlFragment(parseFragment(this.context, start, end, false, this.nesting + 1));
  }

  /** A template instance: the definition (inline the first time) and its substitution values. */
  private templateInstance(): TemplateNode {
    this.u8(); // unknown, always 1
    this.u32(); // template id (the GUID's first bytes)
    const definition = this.u32();
    const template = templateAt(this.context, definition, this.nesting);
    if (definition === this.pos) {
      // Defined right here: skip the 24-byte header and its Binary XML.
      this.pos = definition + 24 + this.view.getUint32(definition + 20, true);
      if (this.pos > this.end) throw new BinXmlError(`template at ${hexOffset(definition)} runs past its record`);
    }
    const count = this.u32();
    if (count * 4 > this.end - this.pos) throw new BinXmlError(`bad substitution count ${count} at ${hexOffset(this.pos - 4)}`);
    const descriptors = this.pos;
    let offset = descriptors + count * 4;
    const values: SubstitutionValue[] = new Array<SubstitutionValue>(count);
    const { bytes, view } = this.context;
    let unsafe: number[] | null = null;
    for (let i = 0; i < count; i++) {
      const size = view.getUint16(descriptors + i * 4, true);
      const type = view.getUint8(descriptors + i * 4 + 2);
      if (offset + size > this.end) throw new BinXmlError(`substitution ${i} (${size} bytes) runs past its record`);
      const value = decodeValue(bytes, view, offset, size, type, this);
      values[i] = value;
      // Only text can hold characters XML must escape; note which values do, once.
      const base = type & ~VALUE_ARRAY;
      if ((base === VALUE_STRING || base === VALUE_ANSI_STRING) && needsEscape(value)) (unsafe ??= []).push(i);
      offset += size;
    }
    this.pos = offset;
    return { kind: NODE_TEMPLATE, template, values, unsafe };
  }
}
