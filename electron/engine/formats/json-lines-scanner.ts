/**
 * Follows JSON nesting character by character (strings and escapes included) without building
 * anything, so that values spread over several lines can be found before they are parsed.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/** Where a complete value lies in the scanned text (end exclusive). */
export interface ValueSpan {
  start: number;
  end: number;
}

export class NestingScanner {
  depth = 0;
  inString = false;
  /** Values completed since the group began. */
  values: ValueSpan[] = [];
  /** Something other than values and separators was seen at the values' level (text, a bare string or number). */
  stray = false;
  private escaped = false;
  private valueStart = -1;

  /**
   * @param valueDepth 0 when values follow each other (NDJSON, concatenated JSON); 1 when they are
   *   the elements of a top-level array, whose brackets are then only a container.
   */
  constructor(private readonly valueDepth: 0 | 1) {}

  /** True while a value (or a string) is still open. */
  get isOpen(): boolean {
    return this.inString || this.depth > this.valueDepth;
  }

  /** Scans more text; `offset` is where it starts in the text the spans refer to. */
  scan(text: string, offset: number): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) {
        if (this.depth <= this.valueDepth) this.stray = true;
        this.inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (this.depth === this.valueDepth) this.valueStart = offset + i;
        // Below the values' level only the array's own bracket belongs.
        else if (this.depth < this.valueDepth && c === OPEN_BRACE) this.stray = true;
        this.depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.depth === 0) {
          this.stray = true;
          continue;
        }
        this.depth--;
        if (this.depth === this.valueDepth && this.valueStart >= 0) {
          this.values.push({ start: this.valueStart, end: offset + i + 1 });
          this.valueStart = -1;
        }
      } else if (this.depth <= this.valueDepth && c !== COMMA && !isWhitespace(c)) {
        this.stray = true;
      }
    }
  }

  /** Starts a new group of lines: forgets the values found so far, keeps the nesting. */
  beginGroup(): void {
    this.values = [];
    this.stray = false;
    this.valueStart = -1;
  }

  /** Gives up on a broken value: back to the values' level, outside any string. */
  recover(): void {
    this.depth = this.valueDepth;
    this.inString = false;
    this.escaped = false;
    this.beginGroup();
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff;
}

const LONG_DIGIT_RUN = /\d{16}/;
const NUMBER_TOKEN = /-?(\d+)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Puts quotes around integers too long for a double (nxlog's signed 64-bit Keywords, 64-bit IDs),
 * outside strings, so that JSON.parse keeps every digit instead of rounding them. Text without a
 * run of 16 digits, the usual case, is returned untouched without being scanned.
 */
export function quoteLongIntegers(text: string): string {
  if (!LONG_DIGIT_RUN.test(text)) return text;
  let quoted = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) {
      inString = true;
      continue;
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
    NUMBER_TOKEN.lastIndex = i;
    const token = NUMBER_TOKEN.exec(text);
    if (!token) continue;
    const [whole, integerDigits, fraction, exponent] = token;
    if (!fraction && !exponent && integerDigits!.length >= 16 && !Number.isSafeInteger(Number(whole))) {
      quoted += `${text.slice(copiedUpTo, i)}"${whole}"`;
      copiedUpTo = i + whole.length;
    }
    i += whole.length - 1;
  }
  return copiedUpTo === 0 ? text : quoted + text.slice(copiedUpTo);
}
