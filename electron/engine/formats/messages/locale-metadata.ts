/**
 * LocaleMetaData (.MTA) files: Event Viewer writes one beside an .evtx it saves "with display
 * information" (`LocaleMetaData/<name>_<LCID>.MTA`), holding the messages it rendered, so the log
 * reads the same where the providers are not installed.
 *
 * The file holds RENDERED text per record, not templates: its EVT table maps an EventRecordID to a
 * string in the MSG table. So the catalog answers `recordMessage(recordId)`; `lookup(provider, id)`
 * has nothing to give and returns undefined. The PUB table names each publisher's levels, tasks,
 * opcodes and keywords (also strings in MSG), exposed for display.
 *
 * Layout (little-endian; worked out from the bytes of a real file and checked against the
 * omerbenamram/evtx description in src/mta.rs):
 *   header (24): "MTAFile\0", u32 major (1), u32 minor (1), u32 descriptor-table bytes, u32 count
 *   descriptor: u64 section offset, u64 section size, u32 name bytes, UTF-16LE name ("EVT"…)
 *   section = chain of pages (offsets below are relative to the section start):
 *     u32 0xFFFFFFFF, 14 × u32 (highest entry index in the page), u32 0xFFFFFFFF,
 *     u64 page number, u64 next page offset (= own offset on the last page), u64 own offset,
 *     100 × u64 entry offsets (0 = unused); entry = u32 entry index, u32 payload bytes, payload
 *   EVT payload: u64 EventRecordID, u64 MSG entry index
 *   MSG payload: u32 string bytes (with the NUL), UTF-16LE string
 *   PUB payload: levels, tasks, opcodes, keywords — each u32 count then count × (u32 value,
 *     u32 MSG index) — then u32 name bytes, UTF-16LE publisher name ("DEFAULT_PUBLISHER" holds the
 *     standard names). Opcode values are opcode << 16; keyword values are bit numbers (55 =
 *     Classic, 0x0080000000000000).
 * Everything is bounds-checked: a damaged file yields what is intact, never an exception.
 */
import type { ParseContext } from '../format';
import type { MessageCatalog } from './render';

/** Display names one publisher defines (values as the event carries them). */
export interface PublisherNames {
  readonly name: string;
  readonly levels: ReadonlyMap<number, string>;
  /** Raw task values as stored (the sample's only task, "None", is stored as 0x10000). */
  readonly tasks: ReadonlyMap<number, string>;
  /** Opcode number → name. */
  readonly opcodes: ReadonlyMap<number, string>;
  /** Keyword bit number (0–63) → name. */
  readonly keywords: ReadonlyMap<number, string>;
}

export interface LocaleMetaDataCatalog extends MessageCatalog {
  recordMessage(recordId: number): string | undefined;
  /** How many records have a message. */
  readonly recordCount: number;
  /** Publishers by lower-case name; the standard names are under "default_publisher". */
  readonly publishers: ReadonlyMap<string, PublisherNames>;
  /** A level's display name from the publisher, else from the default publisher. */
  levelName(provider: string | null, level: number): string | undefined;
  opcodeName(provider: string | null, opcode: number): string | undefined;
  /** Problems met while reading (empty for a sound file). */
  readonly problems: readonly string[];
}

const MAGIC = 'MTAFile\0';
const HEADER_BYTES = 24;
const PAGE_PREFIX = 64;
const PAGE_META = 24;
const PAGE_SLOTS = 100;
const PAGE_HEADER = PAGE_PREFIX + PAGE_META + PAGE_SLOTS * 8;
const SENTINEL = 0xffffffff;
const MAX_PAGES = 1_000_000;

const utf16 = new TextDecoder('utf-16le');

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.byteLength;
  }
  has(offset: number, length: number): boolean {
    return Number.isSafeInteger(offset) && offset >= 0 && length >= 0 && offset + length <= this.bytes.byteLength;
  }
  u32(offset: number): number | undefined {
    return this.has(offset, 4) ? this.view.getUint32(offset, true) : undefined;
  }
  u64(offset: number): number | undefined {
    if (!this.has(offset, 8)) return undefined;
    const value = this.view.getUint32(offset, true) + this.view.getUint32(offset + 4, true) * 0x1_0000_0000;
    return Number.isSafeInteger(value) ? value : undefined;
  }
  text(offset: number, length: number): string | undefined {
    if (!this.has(offset, length)) return undefined;
    let end = offset + (length & ~1);
    while (end >= offset + 2 && this.bytes[end - 1] === 0 && this.bytes[end - 2] === 0) end -= 2;
    return utf16.decode(this.bytes.subarray(offset, end));
  }
}

interface Section {
  offset: number;
  size: number;
}

/** Parses a LocaleMetaData file; never throws (a damaged file gives what could be read). */
export function parseLocaleMetaData(bytes: Uint8Array): LocaleMetaDataCatalog {
  const problems: string[] = [];
  const records = new Map<number, number>();
  const messages: (string | undefined)[] = [];
  const publishers = new Map<string, PublisherNames>();
  try {
    read(new Reader(bytes), records, messages, publishers, problems);
  } catch (error) {
    problems.push(`unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  return makeCatalog(records, messages, publishers, problems);
}

function read(
  reader: Reader,
  records: Map<number, number>,
  messages: (string | undefined)[],
  publishers: Map<string, PublisherNames>,
  problems: string[],
): void {
  if (reader.length < HEADER_BYTES || String.fromCharCode(...reader.bytes.subarray(0, 8)) !== MAGIC) {
    problems.push('not a LocaleMetaData file (no MTAFile signature)');
    return;
  }
  const major = reader.u32(8);
  const minor = reader.u32(12);
  if (major !== 1) problems.push(`unknown version ${major}.${minor}; reading it as 1.1`);
  const sections = readSections(reader, problems);

  const msg = sections.get('MSG');
  if (!msg) {
    problems.push('no MSG table');
    return;
  }
  readPages(reader, msg, 'MSG', problems, (index, payload, size) => {
    const length = reader.u32(payload);
    if (length === undefined || length > size - 4) return 'message longer than its entry';
    if (index < 10_000_000) messages[index] = reader.text(payload + 4, length);
    return undefined;
  });

  const evt = sections.get('EVT');
  if (!evt) problems.push('no EVT table');
  else
    readPages(reader, evt, 'EVT', problems, (_index, payload, size) => {
      if (size < 16) return 'EVT entry too short';
      const recordId = reader.u64(payload);
      const message = reader.u64(payload + 8);
      if (recordId === undefined || message === undefined) return 'EVT entry unreadable';
      records.set(recordId, message);
      return undefined;
    });

  const pub = sections.get('PUB');
  if (pub)
    readPages(reader, pub, 'PUB', problems, (_index, payload, size) => {
      const publisher = readPublisher(reader, payload, payload + size, messages);
      if (!publisher) return 'PUB entry unreadable';
      publishers.set(publisher.name.toLowerCase(), publisher);
      return undefined;
    });
}

function readSections(reader: Reader, problems: string[]): Map<string, Section> {
  const sections = new Map<string, Section>();
  const count = reader.u32(20) ?? 0;
  const tableEnd = Math.min(reader.length, HEADER_BYTES + (reader.u32(16) ?? 0));
  let offset = HEADER_BYTES;
  for (let i = 0; i < count && i < 64; i++) {
    const start = reader.u64(offset);
    const size = reader.u64(offset + 8);
    const nameBytes = reader.u32(offset + 16);
    if (start === undefined || size === undefined || nameBytes === undefined || offset + 20 + nameBytes > tableEnd) {
      problems.push(`section table damaged at entry ${i}`);
      break;
    }
    const name = reader.text(offset + 20, nameBytes) ?? '';
    offset += 20 + nameBytes;
    if (start >= reader.length) {
      problems.push(`${name} table lies past the end of the file`);
      continue;
    }
    if (start + size > reader.length) problems.push(`${name} table cut short (file truncated)`);
    sections.set(name.toUpperCase(), { offset: start, size: Math.min(size, reader.length - start) });
  }
  return sections;
}

/**
 * Walks a section's page chain and hands each entry's payload (absolute offset, size) to `visit`,
 * which returns a problem description or undefined. Stops at the first broken page.
 */
function readPages(
  reader: Reader,
  section: Section,
  name: string,
  problems: string[],
  visit: (index: number, payload: number, size: number) => string | undefined,
): void {
  const end = section.offset + section.size;
  const seen = new Set<number>();
  let page = 0;
  let bad = 0;
  while (seen.size < MAX_PAGES) {
    if (seen.has(page)) {
      problems.push(`${name}: page chain loops`);
      return;
    }
    seen.add(page);
    const at = section.offset + page;
    if (at + PAGE_HEADER > end || reader.u32(at) !== SENTINEL || reader.u32(at + 60) !== SENTINEL) {
      if (section.size > 0) problems.push(`${name}: page at ${at} damaged or cut short`);
      return;
    }
    const next = reader.u64(at + PAGE_PREFIX + 8);
    const self = reader.u64(at + PAGE_PREFIX + 16);
    for (let slot = 0; slot < PAGE_SLOTS; slot++) {
      const entry = reader.u64(at + PAGE_PREFIX + PAGE_META + slot * 8);
      if (!entry) continue;
      const entryAt = section.offset + entry;
      const index = reader.u32(entryAt);
      const size = reader.u32(entryAt + 4);
      if (index === undefined || size === undefined || entryAt + 8 + size > end) {
        bad++;
        continue;
      }
      if (visit(index, entryAt + 8, size) !== undefined) bad++;
    }
    if (next === undefined || next === self || next === page) break;
    page = next;
  }
  if (bad > 0) problems.push(`${name}: ${bad} damaged entr${bad === 1 ? 'y' : 'ies'} skipped`);
}

function readPublisher(
  reader: Reader,
  start: number,
  end: number,
  messages: readonly (string | undefined)[],
): PublisherNames | undefined {
  let at = start;
  const table = (): Map<number, string> | undefined => {
    const count = reader.u32(at);
    if (count === undefined || at + 4 + count * 8 > end) return undefined;
    at += 4;
    const map = new Map<number, string>();
    for (let i = 0; i < count; i++, at += 8) {
      const text = messages[reader.u32(at + 4) ?? -1];
      if (text !== undefined) map.set(reader.u32(at) ?? 0, text);
    }
    return map;
  };
  const levels = table();
  const tasks = levels && table();
  const rawOpcodes = tasks && table();
  const rawKeywords = rawOpcodes && table();
  const nameBytes = reader.u32(at);
  if (!rawKeywords || nameBytes === undefined || at + 4 + nameBytes > end) return undefined;
  const name = reader.text(at + 4, nameBytes) ?? '';
  const opcodes = new Map<number, string>();
  for (const [value, text] of rawOpcodes!) opcodes.set(value >>> 16, text);
  return { name, levels: levels!, tasks: tasks!, opcodes, keywords: rawKeywords };
}

function makeCatalog(
  records: ReadonlyMap<number, number>,
  messages: readonly (string | undefined)[],
  publishers: ReadonlyMap<string, PublisherNames>,
  problems: readonly string[],
): LocaleMetaDataCatalog {
  const named = (provider: string | null, pick: (names: PublisherNames) => string | undefined): string | undefined => {
    const own = provider ? publishers.get(provider.toLowerCase()) : undefined;
    const fallback = publishers.get('default_publisher');
    return (own && pick(own)) ?? (fallback && pick(fallback));
  };
  let recordCount = 0;
  for (const message of records.values()) if (messages[message] !== undefined) recordCount++;
  return {
    lookup: () => undefined,
    recordMessage: (recordId) => {
      const message = records.get(recordId);
      return message === undefined ? undefined : messages[message];
    },
    recordCount,
    publishers,
    levelName: (provider, level) => named(provider, (names) => names.levels.get(level)),
    opcodeName: (provider, opcode) => named(provider, (names) => names.opcodes.get(opcode)),
    problems,
  };
}

/** LCIDs tried after the one Event Viewer writes most (1033, English – United States). */
const LCIDS = [1033, 1031, 1036, 1034, 1043, 1041, 2057];

/**
 * Finds and reads the LocaleMetaData file saved with `evtxFileName` (a name or path: its base name
 * is used) through `context.readCompanion`: `LocaleMetaData/<base>_<LCID>.MTA`, then
 * `<base>_<LCID>.MTA`, for 1033 first and a few common LCIDs after. Undefined when there is none
 * (or no readCompanion); a damaged file gives whatever it holds (possibly nothing). Never throws.
 */
export async function loadLocaleMetaData(context: ParseContext, evtxFileName: string): Promise<LocaleMetaDataCatalog | undefined> {
  if (!context.readCompanion) return undefined;
  const file = evtxFileName.split(/[\\/]/).pop() ?? evtxFileName;
  const base = file.replace(/\.evtx$/i, '');
  let damaged: LocaleMetaDataCatalog | undefined;
  for (const lcid of LCIDS) {
    for (const name of [`LocaleMetaData/${base}_${lcid}.MTA`, `${base}_${lcid}.MTA`]) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = await context.readCompanion(name);
      } catch {
        bytes = undefined;
      }
      if (!bytes) continue;
      const catalog = parseLocaleMetaData(bytes);
      if (catalog.recordCount > 0) return catalog;
      damaged ??= catalog;
    }
  }
  return damaged;
}
