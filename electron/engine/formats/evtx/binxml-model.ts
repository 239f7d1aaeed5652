/**
 * The parsed form of Binary XML: a template definition or record fragment becomes a small tree of
 * these nodes once, and every record that uses the template renders the same tree with its own
 * substitution values (that reuse is where most of the speed comes from).
 */

export const NODE_ELEMENT = 1;
export const NODE_TEXT = 2;
export const NODE_SUBSTITUTION = 3;
export const NODE_CHAR_REF = 4;
export const NODE_ENTITY_REF = 5;
export const NODE_CDATA = 6;
export const NODE_PI = 7;
export const NODE_TEMPLATE = 8;

export interface ElementNode {
  readonly kind: typeof NODE_ELEMENT;
  readonly name: string;
  /**
   * `<Name` followed by its leading attributes that are literal text (`<Data Name="Status"`), and
   * `</Name>`: made once per template rather than once per record. Set when the start tag closes.
   */
  startTag: string;
  readonly closeTag: string;
  /** How many leading attributes `startTag` already holds. */
  staticAttributes: number;
  readonly attributes: AttributeNode[];
  readonly children: BinXmlNode[];
  /** Indexes of the substitutions in its attributes and direct content (where arrays expand). */
  readonly substitutions: number[];
  /** Indexes of optional substitutions in its direct content: when they are all of it and all null, the element is left out. */
  readonly optionalContent: number[];
}

/** An attribute; its value is text, substitutions, character or entity references. */
export interface AttributeNode {
  readonly name: string;
  /** ` Name="`, made once per template. */
  readonly prefix: string;
  readonly value: BinXmlNode[];
  /** The value when it is all literal text (set when the start tag closes), else null. */
  literal: string | null;
  /** The substitution index when the value is just one substitution, else -1. */
  single: number;
}

/** Literal text, unescaped, and escaped once for element content and for attribute values. */
export interface TextNode {
  readonly kind: typeof NODE_TEXT;
  readonly text: string;
  readonly xml: string;
  readonly xmlAttribute: string;
}

/** A placeholder filled from the template instance's value array. */
export interface SubstitutionNode {
  readonly kind: typeof NODE_SUBSTITUTION;
  readonly index: number;
  /** Optional substitutions vanish with their element or attribute when their value is null. */
  readonly optional: boolean;
}

export interface CharRefNode {
  readonly kind: typeof NODE_CHAR_REF;
  readonly code: number;
}

export interface EntityRefNode {
  readonly kind: typeof NODE_ENTITY_REF;
  readonly name: string;
}

export interface CDataNode {
  readonly kind: typeof NODE_CDATA;
  readonly text: string;
}

export interface PiNode {
  readonly kind: typeof NODE_PI;
  readonly target: string;
  readonly data: string;
}

/** The values substitutions draw from, and which of them XML escaping could change. */
export interface SubstitutionScope {
  readonly values: readonly SubstitutionValue[];
  /**
   * Indexes of values with characters XML must escape; null when none has any (the usual case:
   * numbers, GUIDs, SIDs and times never do), so rendering can skip the check.
   */
  readonly unsafe: readonly number[] | null;
}

/** A use of a template: the shared definition plus this instance's values. */
export interface TemplateNode extends SubstitutionScope {
  readonly kind: typeof NODE_TEMPLATE;
  readonly template: Template;
}

export type BinXmlNode = ElementNode | TextNode | SubstitutionNode | CharRefNode | EntityRefNode | CDataNode | PiNode | TemplateNode;

/** A template definition, parsed once per chunk and shared by every record that names it. */
export interface Template {
  /** Offset of the definition within its chunk. */
  readonly offset: number;
  readonly nodes: readonly BinXmlNode[];
}

/** Nested Binary XML carried as a substitution value (type 0x21), e.g. a UserData block. */
export class BinXmlFragment {
  constructor(readonly nodes: readonly BinXmlNode[]) {}
}

/**
 * A decoded substitution value: text (numbers, GUIDs, SIDs, times already formatted as Event
 * Viewer shows them), the items of an array, a nested fragment, or null (an absent value).
 */
export type SubstitutionValue = string | readonly string[] | BinXmlFragment | null;
