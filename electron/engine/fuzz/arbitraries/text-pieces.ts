/**
 * Building blocks every text-format generator shares: words and messages with the characters
 * that break parsers (NUL, exotic whitespace JavaScript trims but line counting does not, lone
 * surrogates, BOMs inside the text, quotes and separators), timestamps in the shapes logs write
 * them (and impossible ones), and line ends.
 */
import fc from 'fast-check';

/** Characters chosen for what they do to parsers, not for realism. */
export const AWKWARD_CHARACTERS: readonly string[] = [
  '\u0000', '\t', '\u000b', '\u000c', '\u001b[31m', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u3000',
  '\ufeff', '\ufffd', '\ud800', '\udfff', '\udbff\udfff', '\ud83d\ude00', '\u202e', 'e\u0301', 'ß', 'İ', '日本語',
  '"', "'", '""', ',', ';', '|', '\\', '\\"', '<', '>', '&', '&amp;', '{', '}', '[', ']', '#', '%', '%1', '=', ':', '-', '+',
];

const WORDS: readonly string[] = [
  'error', 'failed', 'connection', 'reset', 'by', 'peer', 'the', 'service', 'started', 'stopped', 'user', 'logon',
  'MSExchangeMTA', 'WSARecvEx()', '10054', '0x2746', 'Warning', 'ERROR', 'INFO', 'at', 'com.example.Main.run(Main.java:42)',
  'null', 'true', '-', 'N/A', '1', '0', '4294967296', '-1', '1e308', 'NaN', '__proto__', 'constructor', 'toString',
];

export const word: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...AWKWARD_CHARACTERS) },
);

export const lineEnd: fc.Arbitrary<string> = fc.constantFrom('\n', '\n', '\r\n', '\r\n', '\r');

/** A message on one line (no line breaks). */
export const message: fc.Arbitrary<string> = fc
  .array(word, { maxLength: 16 })
  .chain((words) => fc.constantFrom(' ', '', '  ', '\t').map((gap) => words.join(gap)))
  .map((text) => text.replace(/[\r\n]/g, ' '));

/** A long run of text, for line-length limits and quadratic behaviour. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', 'ab ', '"', ',', '\\', '{', '<a>', ' ', '\u00e9', '\ud83d\ude00'), fc.integer({ min: 2000, max: 120_000 }))
  .map(([unit, count]) => unit.repeat(Math.ceil(count / unit.length)));

/** A message that may span lines or (rarely: a file has many messages, and long ones are slow) be long. */
export const messageBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 40, arbitrary: message },
  { weight: 8, arbitrary: fc.array(message, { minLength: 2, maxLength: 4 }).chain((lines) => lineEnd.map((eol) => lines.join(eol))) },
  { weight: 1, arbitrary: longText },
);

/** Joins lines with one line end (or, sometimes, a mix), with or without a final one. */
export function document(lines: fc.Arbitrary<readonly string[]>): fc.Arbitrary<string> {
  return fc.tuple(lines, lineEnd, fc.boolean(), fc.boolean()).map(([all, eol, mixed, final]) => {
    const ends = ['\n', '\r\n', '\r'];
    const text = all.map((line, i) => line + (i === all.length - 1 ? '' : mixed ? ends[i % 3] : eol)).join('');
    return final && all.length > 0 ? text + eol : text;
  });
}

export const host: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('EXCH01', 'exch01.contoso.local', 'localhost', '192.0.2.1', '::1', '-', 'WIN2003S-CF42A4', ''),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,30}$/),
  word,
);

/** Integers a field may hold, from ordinary to beyond every integer type. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 65535 }).map(String),
  fc.constantFrom('0', '-1', '65536', '2147483647', '2147483648', '4294967295', '9007199254740993', '99999999999999999999999', '1e5', '0x10', ' 12 ', '', '١٢'),
);

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Date parts, mostly valid, sometimes impossible (month 13, day 31 of February, year 0 or 99999). */
const dateParts = fc.record({
  year: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1970, max: 2038 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 275_760 }) }),
  month: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) }),
  day: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 28 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) }),
  hour: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 23 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) }),
  minute: fc.integer({ min: 0, max: 60 }),
  second: fc.integer({ min: 0, max: 61 }),
  fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^[.,]\d{1,12}$/)),
  zone: fc.constantFrom('', '', 'Z', '+00:00', '-07:00', '+14:00', '-12:00', '+0530', '+99:99', ' UTC'),
});

export const isoTimestamp: fc.Arbitrary<string> = fc
  .tuple(dateParts, fc.constantFrom('T', ' '))
  .map(([d, sep]) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}${sep}${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}${d.fraction}${d.zone}`);

/** US / day-first slashed dates with 12- or 24-hour times, as Windows exports write them. */
export const slashedTimestamp: fc.Arbitrary<string> = fc
  .tuple(dateParts, fc.constantFrom(' AM', ' PM', '', ' a.m.'), fc.constantFrom('/', '.', '-'))
  .map(([d, ampm, sep]) => `${d.month}${sep}${d.day}${sep}${d.year} ${ampm ? (d.hour % 12) + 1 : d.hour}:${pad(d.minute)}:${pad(d.second)}${ampm}`);

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Foo'];

/** RFC 3164's "Mmm dd hh:mm:ss" (no year). */
export const bsdTimestamp: fc.Arbitrary<string> = fc
  .tuple(dateParts, fc.constantFrom(...MONTH_NAMES))
  .map(([d, month]) => `${month} ${String(d.day).padStart(2, ' ')} ${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`);

/** Common Log Format: [10/Oct/2000:13:55:36 -0700]. */
export const clfTimestamp: fc.Arbitrary<string> = fc
  .tuple(dateParts, fc.constantFrom(...MONTH_NAMES), fc.constantFrom('', ' -0700', ' +0000', ' +9999'))
  .map(([d, month, zone]) => `[${pad(d.day)}/${month}/${pad(d.year, 4)}:${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}${zone}]`);

export const anyTimestamp: fc.Arbitrary<string> = fc.oneof(isoTimestamp, slashedTimestamp, bsdTimestamp, clfTimestamp, fc.constantFrom('-', '', '0', 'yesterday'));
