/**
 * Cuts a stream of Windows event XML into pieces without parsing it: each `<Event>` element whole,
 * and everything between elements (the declaration, the `<Events>` wrapper, whitespace, stray
 * text). Only the element being read is held, so a multi-gigabyte export streams in constant memory.
 *
 * Every character of the document lands in exactly one piece, in order; the line accounting in
 * eventviewer-xml-lines.ts relies on that.
 */

/** One stretch of the document, in file order. */
export type DocumentPiece =
  /** A complete `<Event>…</Event>` (or `<Event/>`) element, exactly as written. */
  | { kind: 'event'; text: string }
  /** The start of an element that never closed (file cut short, or the next one began first). */
  | { kind: 'broken-event'; text: string; reason: string }
  /** Non-blank text outside any element that is not export markup; one piece per line. */
  | { kind: 'stray'; text: string }
  /** The XML declaration, comments, the `<Events>` wrapper tags, whitespace and line breaks. */
  | { kind: 'markup'; text: string };

/**
 * The longest element (in UTF-16 code units) held while waiting for its end. Real events are a few
 * kilobytes (an .evtx record must fit in a 64 KiB chunk, so even its rendering stays far below
 * this); the bound keeps a hostile or damaged file from filling memory.
 */
export const MAX_ELEMENT_CHARS = 4 * 1024 * 1024;

type NameMatch = 'match' | 'no' | 'incomplete';

/** Feed it decoded chunks with push(), then call end(); each call returns the pieces it completed. */
export class EventElementScanner {
  private buffer = '';
  /** Outside an element: the first character not yet handed out. Inside: the element's `<`. */
  private start = 0;
  private inside = false;
  /** Inside an element, after its start tag: where to look for the next `<`. */
  private cursor = 0;
  private startTagRead = false;
  private pieces: DocumentPiece[] = [];

  constructor(private readonly maxElementChars = MAX_ELEMENT_CHARS) {}

  push(chunk: string): DocumentPiece[] {
    // Drop what was handed out, so the buffer holds one element (or one line of text) at most.
    this.buffer = this.buffer.slice(this.start) + chunk;
    this.cursor -= this.start;
    this.start = 0;
    return this.scan(false);
  }

  end(): DocumentPiece[] {
    const pieces = this.scan(true);
    this.buffer = '';
    this.start = 0;
    return pieces;
  }

  private scan(final: boolean): DocumentPiece[] {
    while (this.inside ? this.scanInside(final) : this.scanOutside(final));
    const pieces = this.pieces;
    this.pieces = [];
    return pieces;
  }

  /** Hands out text up to the next element; true when an element starts (scan on inside it). */
  private scanOutside(final: boolean): boolean {
    const buffer = this.buffer;
    let from = this.start;
    for (;;) {
      const lt = buffer.indexOf('<', from);
      if (lt === -1) {
        this.emitGap(buffer.length, final);
        return false;
      }
      const construct = outsideConstructAt(buffer, lt, final);
      if (construct === 'incomplete') {
        // Wait for the rest of the tag, unless it is absurdly long: then the `<` is just text.
        if (buffer.length - lt <= this.maxElementChars) {
          this.emitGap(lt, false);
          return false;
        }
        from = lt + 1;
        continue;
      }
      if (construct === undefined) {
        from = lt + 1;
        continue;
      }
      this.emitGap(lt, true);
      if (construct === 'event') {
        this.inside = true;
        this.startTagRead = false;
        this.cursor = lt;
        return true;
      }
      this.pieces.push({ kind: 'markup', text: buffer.slice(lt, construct) });
      this.start = construct;
      from = construct;
    }
  }

  /** Looks for the end of the open element; true when it was handed out (or cut off). */
  private scanInside(final: boolean): boolean {
    const buffer = this.buffer;
    if (!this.startTagRead) {
      const tagEnd = findTagEnd(buffer, this.start + '<Event'.length);
      if (tagEnd === undefined) return this.waitForMore(final);
      if (tagEnd.malformedAt !== undefined) {
        this.emitBroken(tagEnd.malformedAt, 'the <Event> start tag is cut off');
        return true;
      }
      if (buffer.charCodeAt(tagEnd.end - 1) === 0x2f /* '/' */) return this.emitEvent(tagEnd.end + 1);
      this.startTagRead = true;
      this.cursor = tagEnd.end + 1;
    }
    for (;;) {
      const lt = buffer.indexOf('<', this.cursor);
      if (lt === -1) {
        this.cursor = buffer.length;
        return this.waitForMore(final);
      }
      const skipTo = sectionEnd(buffer, lt, OPAQUE_SECTIONS);
      if (skipTo === -1) {
        this.cursor = lt;
        return this.waitForMore(final);
      }
      if (skipTo !== undefined) {
        this.cursor = skipTo;
        continue;
      }
      const closing = matchName(buffer, lt, '</Event', final, false);
      if (closing === 'match') {
        const tagEnd = findTagEnd(buffer, lt + '</Event'.length);
        if (tagEnd === undefined) {
          this.cursor = lt;
          return this.waitForMore(final);
        }
        if (tagEnd.malformedAt === undefined) return this.emitEvent(tagEnd.end + 1);
        this.emitBroken(tagEnd.malformedAt, 'the </Event> end tag is cut off');
        return true;
      }
      // Events never nest: a new start tag (or the wrapper's end) means this one was cut off.
      const opening = matchName(buffer, lt, '<Event', final, true);
      if (opening === 'match') {
        this.emitBroken(lt, 'the next <Event> begins before this one is closed');
        return true;
      }
      const wrapperEnd = matchName(buffer, lt, '</Events', final, false);
      if (wrapperEnd === 'match') {
        this.emitBroken(lt, 'the </Events> wrapper ends before this <Event> is closed');
        return true;
      }
      if (closing === 'incomplete' || opening === 'incomplete' || wrapperEnd === 'incomplete') {
        this.cursor = lt;
        return this.waitForMore(final);
      }
      this.cursor = lt + 1;
    }
  }

  /** The element needs text that has not arrived: wait, or give up at the end or the size bound. */
  private waitForMore(final: boolean): boolean {
    if (final) {
      this.emitBroken(this.buffer.length, 'the file ends before this <Event> is closed');
      return false;
    }
    if (this.buffer.length - this.start > this.maxElementChars) {
      this.emitBroken(this.buffer.length, `no </Event> within ${this.maxElementChars} characters`);
      return true;
    }
    return false;
  }

  private emitEvent(end: number): boolean {
    this.pieces.push({ kind: 'event', text: this.buffer.slice(this.start, end) });
    this.start = end;
    this.inside = false;
    return true;
  }

  /** Hands out a cut-off element; its trailing whitespace is markup, not part of the entry. */
  private emitBroken(end: number, reason: string): void {
    const text = this.buffer.slice(this.start, end);
    const kept = withoutTrailingBlanks(text);
    this.pieces.push({ kind: 'broken-event', text: kept, reason });
    if (kept.length < text.length) this.pieces.push({ kind: 'markup', text: text.slice(kept.length) });
    this.start = end;
    this.inside = false;
  }

  /**
   * Hands out the text between elements up to `end`: blank stretches and line breaks as markup,
   * other text as one stray piece per line. Unless `complete`, a last line without its line break
   * is held back (its rest may still arrive), up to the size bound.
   */
  private emitGap(end: number, complete: boolean): void {
    if (end <= this.start) return;
    let stop = end;
    if (!complete) {
      const lastBreak = Math.max(this.buffer.lastIndexOf('\n', end - 1), this.buffer.lastIndexOf('\r', end - 1));
      const held = end - Math.max(lastBreak + 1, this.start);
      if (held <= this.maxElementChars) stop = Math.max(lastBreak + 1, this.start);
    }
    if (stop <= this.start) return;
    for (const part of this.buffer.slice(this.start, stop).split(/(\r\n|\r|\n)/)) {
      if (part === '') continue;
      const kind = /^[ \t\r\n\uFEFF]*$/.test(part) ? 'markup' : 'stray';
      const last = this.pieces[this.pieces.length - 1];
      // Neighbouring markup is merged: fewer pieces, same text.
      if (kind === 'markup' && last?.kind === 'markup') last.text += part;
      else this.pieces.push({ kind, text: part });
    }
    this.start = stop;
  }
}

/**
 * What starts at a `<` outside any element: 'event' for an `<Event>` start tag, the end index of
 * export markup (declaration, comment, `<Events>`/`</Events>`), undefined for anything else (stray
 * text), or 'incomplete' when the buffer ends before that can be told.
 */
function outsideConstructAt(buffer: string, lt: number, final: boolean): 'event' | number | 'incomplete' | undefined {
  const section = sectionEnd(buffer, lt, MARKUP_SECTIONS);
  if (section === -1) return final ? undefined : 'incomplete';
  if (section !== undefined) return section;
  let incomplete = false;
  for (const [name, isStartTag] of [
    ['<Events', true],
    ['</Events', false],
  ] as const) {
    const match = matchName(buffer, lt, name, final, isStartTag);
    if (match === 'incomplete') incomplete = true;
    if (match !== 'match') continue;
    const tagEnd = findTagEnd(buffer, lt + name.length);
    if (tagEnd === undefined) return final ? undefined : 'incomplete';
    return tagEnd.malformedAt === undefined ? tagEnd.end + 1 : undefined;
  }
  const event = matchName(buffer, lt, '<Event', final, true);
  if (event === 'match') return 'event';
  return incomplete || event === 'incomplete' ? 'incomplete' : undefined;
}

const MARKUP_SECTIONS = [
  ['<?', '?>'],
  ['<!--', '-->'],
] as const;
/** Inside an element, CDATA too: all three may hold `</Event>` as plain text. */
const OPAQUE_SECTIONS = [['<![CDATA[', ']]>'], ...MARKUP_SECTIONS] as const;

/**
 * Where one of `sections` starting at `lt` ends (the index after it); -1 when its end has not
 * arrived, or the buffer stops inside its opener; undefined when none starts there.
 */
function sectionEnd(buffer: string, lt: number, sections: readonly (readonly [string, string])[]): number | undefined {
  for (const [open, close] of sections) {
    const match = matchPrefix(buffer, lt, open, false);
    if (match === 'incomplete') return -1;
    if (match === 'no') continue;
    const end = buffer.indexOf(close, lt + open.length);
    return end === -1 ? -1 : end + close.length;
  }
  return undefined;
}

function matchPrefix(buffer: string, at: number, prefix: string, final: boolean): NameMatch {
  if (buffer.length - at >= prefix.length) return buffer.startsWith(prefix, at) ? 'match' : 'no';
  return !final && prefix.startsWith(buffer.slice(at)) ? 'incomplete' : 'no';
}

/**
 * Whether a tag `name` (such as `<Event` or `</Event`) starts at `at` and is followed by whitespace,
 * `>` or (for start tags) `/`, so that `<EventData>` and `<EventID>` do not match `<Event`.
 */
function matchName(buffer: string, at: number, name: string, final: boolean, startTag: boolean): NameMatch {
  const prefix = matchPrefix(buffer, at, name, final);
  if (prefix !== 'match') return prefix;
  const next = buffer.charCodeAt(at + name.length);
  if (Number.isNaN(next)) return final ? 'match' : 'incomplete';
  const boundary = next === 0x3e || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d || (startTag && next === 0x2f);
  return boundary ? 'match' : 'no';
}

/**
 * Finds the `>` that ends a tag, skipping quoted attribute values (which may hold `>`). Answers
 * `malformedAt` when a `<` comes first (the tag was cut off), undefined when the buffer ends first.
 */
function findTagEnd(buffer: string, from: number): { end: number; malformedAt?: number } | undefined {
  let quote = 0;
  for (let i = from; i < buffer.length; i++) {
    const c = buffer.charCodeAt(i);
    // `<` is not allowed anywhere in a tag, not even quoted: the tag was cut off here.
    if (c === 0x3c) return { end: i, malformedAt: i };
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return { end: i };
    }
  }
  return undefined;
}

/**
 * `text` without its trailing spaces, tabs and line breaks. A loop, not `/[ \t\r\n]+$/`: that
 * regex retries from every blank of every run and fails at the run's end, which is quadratic in
 * the run's length — a cut-off element holding long runs of blanks took seconds (found by
 * fuzzing; a few megabytes of them would hang the reader).
 */
function withoutTrailingBlanks(text: string): string {
  let end = text.length;
  for (let c = text.charCodeAt(end - 1); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(end - 1)) end--;
  return text.slice(0, end);
}
