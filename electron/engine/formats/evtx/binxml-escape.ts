/**
 * XML escaping for the rendered event XML. Characters XML 1.0 cannot carry at all (most C0
 * controls, U+FFFE/U+FFFF) are replaced by U+FFFD in the XML; the event's fields keep them.
 */
import type { SubstitutionValue } from './binxml-model';

const ILLEGAL = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;
const TEXT_SPECIAL = /[&<>\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const ATTRIBUTE_SPECIAL = /[&<>"\0-\x1f\ufffe\uffff]/;

/** Escapes element text. */
export function escapeText(text: string): string {
  if (!TEXT_SPECIAL.test(text)) return text;
  return text.replace(ILLEGAL, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted; tabs and line breaks as references so they survive). */
export function escapeAttribute(text: string): string {
  if (!ATTRIBUTE_SPECIAL.test(text)) return text;
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Whether a decoded text value (or any item of an array) has a character escaping would change. */
export function needsEscape(value: SubstitutionValue): boolean {
  if (typeof value === 'string') return ATTRIBUTE_SPECIAL.test(value);
  if (Array.isArray(value)) return value.some((item) => ATTRIBUTE_SPECIAL.test(item));
  return false;
}
