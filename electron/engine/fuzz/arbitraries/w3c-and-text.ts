/**
 * W3C extended logs (IIS, HTTP.sys, Windows Firewall, Exchange message tracking: directives, a
 * `#Fields:` line that may change mid-file, space- or comma-separated rows) and plain-text logs
 * (timestamps in every shape at the start of a line or a little way in, level words, stack-trace
 * continuation lines, and long runs of untimed lines before the first timestamp).
 */
import fc from 'fast-check';
import { textFile } from './encode';
import { anyTimestamp, clfTimestamp, document, host, isoTimestamp, message, messageBody, numberText, slashedTimestamp, word } from './text-pieces';

const W3C_FIELDS = [
  'date', 'time', 'c-ip', 'cs-username', 's-ip', 's-port', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 'sc-status',
  'sc-substatus', 'sc-win32-status', 'time-taken', 'cs(User-Agent)', 'cs(Referer)', 's-sitename', 's-computername',
  'cs-host', 'sc-bytes', 'cs-bytes', 'c-port', 'cs-version', 's-reason', 's-queuename', 'action', 'protocol', 'src-ip',
  'dst-ip', 'date-time', 'client-ip', 'server-hostname', 'event-id', 'message-id', 'recipient-address', 'total-bytes',
  'message-subject', 'sender-address', 'source', 'x-custom',
];

const fieldNames = fc.shuffledSubarray(W3C_FIELDS, { minLength: 1, maxLength: 14 });

function w3cValue(name: string): fc.Arbitrary<string> {
  if (name === 'date') return fc.oneof(isoTimestamp.map((t) => t.slice(0, 10)), fc.constant('-'));
  if (name === 'time') return fc.oneof(isoTimestamp.map((t) => t.slice(11, 19)), fc.constant('-'));
  if (name === 'date-time') return fc.oneof(isoTimestamp, anyTimestamp);
  if (/status|port|bytes|taken|id$/.test(name)) return numberText;
  return fc.oneof(word, host, message, fc.constant('-'));
}

/** Space-separated: spaces inside values become '+' (or are left, wrongly); comma-separated: quoted. */
function w3cRow(names: readonly string[], comma: boolean): fc.Arbitrary<string> {
  return fc.tuple(...names.map(w3cValue), fc.constantFrom('exact', 'exact', 'short', 'long')).map((all) => {
    const shape = all[all.length - 1];
    let values = all.slice(0, -1);
    if (shape === 'short') values = values.slice(0, -1);
    if (shape === 'long') values = [...values, 'extra'];
    if (comma) return values.map((value) => (/[,"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(',');
    return values.map((value) => (value === '' ? '-' : value.replace(/ /g, '+'))).join(' ');
  });
}

const directive = fc.oneof(
  fc.constantFrom('#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', '#Software: Microsoft Exchange Server', '#Log-type: Message Tracking Log', '#Remark:', '#', '#Unknown: x'),
  isoTimestamp.map((time) => `#Date: ${time}`),
);

/** A block: directives, a #Fields line, rows in that layout. Several blocks = fields changing mid-file. */
const w3cBlock = fc.tuple(fc.array(directive, { maxLength: 3 }), fieldNames, fc.boolean()).chain(([directives, names, comma]) =>
  fc.array(fc.oneof({ weight: 8, arbitrary: w3cRow(names, comma) }, { weight: 1, arbitrary: messageBody }), { maxLength: 20 }).map((rows) => [
    ...directives,
    `#Fields: ${names.join(comma ? ',' : ' ')}`,
    ...rows,
  ]),
);

const w3cDocument = fc.array(w3cBlock, { minLength: 1, maxLength: 3 }).map((blocks) => blocks.flat());

const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'FATAL', 'Warning', 'Information', 'crit', ''];

/** A line that starts an entry: a timestamp first (maybe bracketed), or a little way in. */
const timedLine = fc.oneof(
  fc.tuple(fc.oneof(isoTimestamp, slashedTimestamp), fc.constantFrom(...LEVELS), message).map(([time, level, msg]) => `${time} ${level} ${msg}`),
  fc.tuple(isoTimestamp, message).map(([time, msg]) => `[${time}] ${msg}`),
  fc.tuple(host, clfTimestamp, message).map(([client, time, msg]) => `${client} - - ${time} "GET /${msg} HTTP/1.1" 200 512`),
  fc.tuple(word, isoTimestamp, message).map(([service, time, msg]) => `${service} | ${time} ${msg}`),
);

const continuationLine = fc.oneof(
  fc.constantFrom('\tat com.example.Main.run(Main.java:42)', 'Caused by: java.io.IOException: reset', '    ... 12 more', ''),
  message.map((msg) => `  ${msg}`),
);

const textLine = fc.oneof({ weight: 5, arbitrary: timedLine }, { weight: 3, arbitrary: continuationLine }, { weight: 2, arbitrary: messageBody });

/** Sometimes more than a thousand untimed lines first: the point where text is judged untimed. */
const plainTextDocument = fc.tuple(fc.array(textLine, { maxLength: 40 }), fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 990, max: 1010 }) }), message).map(([lines, untimed, filler]) => [
  ...Array.from({ length: untimed }, (_, i) => `${filler} ${i}`),
  ...lines,
]);

export const w3cFile = textFile(document(w3cDocument));
export const plainTextFile = textFile(document(plainTextDocument));
