/**
 * Safe handling of parsed JSON log entries: typed values, field lookup by dotted path, flattening
 * to string fields, and a compact key=value rendering. Entries come from untrusted files, so every
 * walk is depth- and size-limited and keys are never used to touch prototypes.
 */

/** A parsed JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A parsed JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Nesting below this is not flattened: JSON.parse copes with any depth, but recursion would not. */
const MAX_FLATTEN_DEPTH = 32;
/** More fields than this in one entry are summarised rather than listed (the raw text keeps them). */
const MAX_FIELDS = 2000;
/** Longest rendered key=value message; the full fields stay in `data`. */
const MAX_RENDERED_LENGTH = 1000;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Finds a field by dotted path, matching both nested objects (`{"log":{"level":…}}`) and keys that
 * themselves contain dots (`{"log.level":…}`, as ECS loggers write them), or a mix of the two.
 */
export function lookup(object: JsonObject, path: string): JsonValue | undefined {
  if (Object.hasOwn(object, path)) return object[path];
  for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) {
    const head = path.slice(0, dot);
    if (!Object.hasOwn(object, head)) continue;
    const inner = object[head];
    if (!isJsonObject(inner)) continue;
    const found = lookup(inner, path.slice(dot + 1));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A scalar as text: strings as they are, numbers and booleans as JSON writes them; undefined for objects. */
export function scalarText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return undefined;
}

/** An integer field (a JSON number or a string of digits, as exporters write either), else undefined. */
export function integerOf(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Flattens an entry to dotted keys with string values (arrays by index), so that search and the KB
 * reach every field. `rename` may shorten a key (Windows event data is known by its bare name).
 */
export function flatten(object: JsonObject, omit: ReadonlySet<string>, rename?: (key: string) => string): Record<string, string> {
  const entries: [string, string][] = [];
  const seen = new Set<string>();
  let dropped = 0;
  const add = (key: string, value: string): void => {
    if (omit.has(key)) return;
    if (entries.length >= MAX_FIELDS) {
      dropped++;
      return;
    }
    let name = rename ? rename(key) : key;
    if (seen.has(name)) name = key;
    seen.add(name);
    entries.push([name, value]);
  };
  const walk = (value: JsonValue, key: string, depth: number): void => {
    if (typeof value !== 'object' || value === null) return add(key, scalarText(value)!);
    if (depth >= MAX_FLATTEN_DEPTH) return add(key, `(nested deeper than ${MAX_FLATTEN_DEPTH} levels: see the raw text)`);
    const child = (name: string): string => (key === '' ? name : `${key}.${name}`);
    if (Array.isArray(value)) {
      if (value.length === 0) return add(key, '[]');
      for (let index = 0; index < value.length; index++) walk(value[index]!, child(String(index)), depth + 1);
      return;
    }
    const names = Object.keys(value);
    // An empty object is kept as a field, except the entry itself ("{}" has no fields).
    if (names.length === 0 && key !== '') return add(key, '{}');
    for (const name of names) walk(value[name]!, child(name), depth + 1);
  };
  walk(object, '', 0);
  if (dropped > 0) entries.push(['…', `${dropped} more fields not listed: see the raw text`]);
  // fromEntries defines own properties, so a "__proto__" key stays an ordinary field.
  return Object.fromEntries(entries);
}

/**
 * Renders the included fields as `key=value key2="two words"` for entries without a message field,
 * leading with the keys that best say what happened and stopping at a readable length.
 */
export function renderFields(fields: Readonly<Record<string, string>>, leading: readonly string[], include: (key: string) => boolean): string {
  const keys = Object.keys(fields).filter(include);
  const ordered = [...leading.filter((key) => keys.includes(key)), ...keys.filter((key) => !leading.includes(key))];
  let text = '';
  for (const key of ordered) {
    const value = fields[key]!;
    const shown = value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value;
    text += `${text === '' ? '' : ' '}${key}=${shown}`;
    if (text.length > MAX_RENDERED_LENGTH) return `${text.slice(0, MAX_RENDERED_LENGTH)}…`;
  }
  return text;
}
