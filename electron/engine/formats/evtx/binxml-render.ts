/**
 * Renders a record's node tree to the XML Event Viewer shows, in one pass that also feeds the
 * field collector. Output rules follow Event Viewer: elements without content are written
 * `<Name …/>`, an element whose only content is an optional substitution with a null value is
 * left out (so is an attribute whose substitution is absent), and an element holding an array
 * substitution is repeated once per item (MS-EVEN6 "Array Types").
 */
import type { AttributeNode, BinXmlNode, ElementNode, SubstitutionScope, SubstitutionValue } from './binxml-model';
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
import { escapeAttribute, escapeText } from './binxml-escape';
import { BinXmlError } from './binxml-context';
import type { XmlEventSink } from './evtx-event-fields';

/** A record whose XML grows past this is damage (a real event is a few kilobytes). */
const MAX_XML_CHARS = 4 * 1024 * 1024;
/**
 * Nodes rendered per record before it counts as damage: templates may instantiate templates, so a
 * crafted chunk could otherwise make one record's rendering grow exponentially.
 */
const MAX_NODES_RENDERED = 200_000;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The character a named entity reference stands for, or the reference as written. Own entries
 * only: a record naming "constructor" must not render Object.prototype's member.
 */
function entityText(name: string): string {
  return Object.hasOwn(ENTITIES, name) ? ENTITIES[name]! : `&${name};`;
}

/** Where substitutions draw from outside any template (a record body or nested BinXml without one). */
const NO_VALUES: SubstitutionScope = { values: [], unsafe: null };

/** Renders `nodes` (a record's Binary XML) to XML text, reporting every part to `sink`. */
export function renderRecordXml(nodes: readonly BinXmlNode[], sink: XmlEventSink): string {
  const renderer = new XmlRenderer(sink, true);
  renderer.nodes(nodes, NO_VALUES, -1, null);
  return renderer.xml;
}

/**
 * Reports every part of a record to `sink` without writing its XML (ingest keeps no XML: it is
 * rendered again when the detail view asks). Returns whether the record held any element.
 */
export function collectRecordFields(nodes: readonly BinXmlNode[], sink: XmlEventSink): boolean {
  const renderer = new XmlRenderer(sink, false);
  renderer.nodes(nodes, NO_VALUES, -1, null);
  return renderer.elements > 0;
}

/** Whether value `index` of `scope` may need escaping. */
function unsafe(scope: SubstitutionScope, index: number): boolean {
  return scope.unsafe !== null && scope.unsafe.includes(index);
}

function isEmpty(value: SubstitutionValue): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

class XmlRenderer {
  xml = '';
  /** Elements rendered. */
  elements = 0;
  /** Characters of text and attribute values seen: bounds a record's size when no XML is kept. */
  private chars = 0;
  private rendered = 0;
  /** A start tag is open (`<Name attr="…"`) and still needs its `>` or `/>`. */
  private startTagOpen = false;

  constructor(
    private readonly sink: XmlEventSink,
    private readonly keepXml: boolean,
  ) {}

  /** The value a substitution takes; `override` replaces one index while an array is expanded. */
  private value(index: number, scope: SubstitutionScope, overrideIndex: number, override: SubstitutionValue): SubstitutionValue {
    if (index === overrideIndex) return override;
    return index < scope.values.length ? (scope.values[index] as SubstitutionValue) : null;
  }

  private content(): void {
    if (this.startTagOpen) {
      if (this.keepXml) this.xml += '>';
      this.startTagOpen = false;
    }
  }

  /** Element text: `xml` is what goes into the XML (escaped), `text` what the fields see. */
  private text(text: string, xml: string): void {
    if (text === '') return;
    this.content();
    if (this.keepXml) this.xml += xml;
    this.chars += text.length;
    this.sink.text(text);
  }

  nodes(nodes: readonly BinXmlNode[], scope: SubstitutionScope, overrideIndex: number, override: SubstitutionValue): void {
    this.rendered += nodes.length;
    if (this.rendered > MAX_NODES_RENDERED) throw new BinXmlError(`record renders more than ${MAX_NODES_RENDERED} nodes`);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as BinXmlNode;
      switch (node.kind) {
        case NODE_ELEMENT:
          this.element(node, scope);
          break;
        case NODE_TEXT:
          this.text(node.text, node.xml);
          break;
        case NODE_SUBSTITUTION:
          this.substituted(this.value(node.index, scope, overrideIndex, override), unsafe(scope, node.index));
          break;
        case NODE_TEMPLATE:
          this.nodes(node.template.nodes, node, -1, null);
          break;
        case NODE_CHAR_REF:
          this.content();
          if (this.keepXml) this.xml += `&#${node.code};`;
          this.sink.text(String.fromCharCode(node.code));
          break;
        case NODE_ENTITY_REF:
          this.content();
          if (this.keepXml) this.xml += `&${node.name};`;
          this.sink.text(entityText(node.name));
          break;
        case NODE_CDATA:
          this.content();
          if (this.keepXml) this.xml += `<![CDATA[${node.text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
          this.chars += node.text.length;
          this.sink.text(node.text);
          break;
        case NODE_PI:
          this.content();
          if (this.keepXml) this.xml += `<?${node.target}${node.data ? ` ${node.data}` : ''}?>`;
          break;
      }
    }
  }

  private substituted(value: SubstitutionValue, escape: boolean): void {
    if (value === null) return;
    if (typeof value === 'string') this.text(value, escape ? escapeText(value) : value);
    else if (value instanceof BinXmlFragment) this.nodes(value.nodes, NO_VALUES, -1, null);
    else {
      // An array the element repetition did not take apart (several in one element): one text.
      const text = value.join(', ');
      this.text(text, escape ? escapeText(text) : text);
    }
  }

  /** The first substitution of the element that holds an array of 2+ items, or -1. */
  private arrayIndex(element: ElementNode, scope: SubstitutionScope): number {
    for (const index of element.substitutions) {
      const value = scope.values[index];
      if (Array.isArray(value) && value.length > 1) return index;
    }
    return -1;
  }

  /** Whether the element's only content is optional substitutions that are all null. */
  private absent(element: ElementNode, scope: SubstitutionScope, overrideIndex: number, override: SubstitutionValue): boolean {
    const optional = element.optionalContent;
    if (optional.length === 0 || optional.length !== element.children.length) return false;
    for (const index of optional) if (!isEmpty(this.value(index, scope, overrideIndex, override))) return false;
    return true;
  }

  private element(element: ElementNode, scope: SubstitutionScope): void {
    const arrayAt = element.substitutions.length > 0 ? this.arrayIndex(element, scope) : -1;
    if (arrayAt < 0) {
      this.elementOnce(element, scope, -1, null);
      return;
    }
    for (const item of scope.values[arrayAt] as readonly string[]) this.elementOnce(element, scope, arrayAt, item);
  }

  private elementOnce(element: ElementNode, scope: SubstitutionScope, overrideIndex: number, override: SubstitutionValue): void {
    if (this.xml.length + this.chars > MAX_XML_CHARS) throw new BinXmlError('record renders to more than 4 MB of XML');
    if (element.optionalContent.length > 0 && this.absent(element, scope, overrideIndex, override)) return;
    this.content();
    this.elements++;
    if (this.keepXml) this.xml += element.startTag;
    this.sink.open(element.name);
    const attributes = element.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i] as AttributeNode;
      // The leading literal ones are already in startTag: only the fields need to hear of them.
      if (i < element.staticAttributes) this.sink.attribute(attribute.name, attribute.literal as string);
      else this.attribute(attribute, scope, overrideIndex, override);
    }
    this.startTagOpen = true;
    this.nodes(element.children, scope, overrideIndex, override);
    if (this.startTagOpen) {
      if (this.keepXml) this.xml += '/>';
      this.startTagOpen = false;
    } else if (this.keepXml) {
      this.xml += element.closeTag;
    }
    this.sink.close();
  }

  private attribute(attribute: AttributeNode, scope: SubstitutionScope, overrideIndex: number, override: SubstitutionValue): void {
    if (attribute.single >= 0) {
      // The usual shape: Name="%n". Left out when the value is absent.
      const value = this.value(attribute.single, scope, overrideIndex, override);
      const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : '';
      if (text === '') return;
      if (this.keepXml) this.xml += attribute.prefix + (unsafe(scope, attribute.single) ? escapeAttribute(text) : text) + '"';
      this.chars += text.length;
      this.sink.attribute(attribute.name, text);
      return;
    }
    let text = '';
    let xml = '';
    let substituted = false;
    for (const part of attribute.value) {
      switch (part.kind) {
        case NODE_TEXT:
          text += part.text;
          xml += part.xmlAttribute;
          break;
        case NODE_SUBSTITUTION: {
          substituted = true;
          const value = this.value(part.index, scope, overrideIndex, override);
          const valueText = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : '';
          text += valueText;
          xml += unsafe(scope, part.index) ? escapeAttribute(valueText) : valueText;
          break;
        }
        case NODE_CHAR_REF:
          text += String.fromCharCode(part.code);
          xml += `&#${part.code};`;
          break;
        case NODE_ENTITY_REF:
          text += entityText(part.name);
          xml += `&${part.name};`;
          break;
      }
    }
    // Event Viewer leaves out attributes whose substitution is absent (<Correlation/>, <Security/>).
    if (substituted && text === '') return;
    if (this.keepXml) this.xml += attribute.prefix + xml + '"';
    this.chars += text.length;
    this.sink.attribute(attribute.name, text);
  }
}
