/**
 * JSON-lines files: objects with the field names log shippers use (bunyan, ECS, winlogbeat,
 * nxlog, journald…) holding values of every JSON type — times as strings and epoch numbers of
 * every size, integers past 2^53, lone-surrogate escapes — nested deeply (thousands of levels),
 * pretty-printed over several lines, wrapped in a top-level array, cut short, or mixed with text.
 */
import fc from 'fast-check';
import { textFile } from './encode';
import { anyTimestamp, document, host, isoTimestamp, longText, message, messageBody, numberText, word } from './text-pieces';

const KEYS = [
  '@timestamp', 'timestamp', 'time', 'ts', 'TimeCreated', 'EventTime', '__REALTIME_TIMESTAMP', 'level', 'log.level', 'Level',
  'severity', 'PRIORITY', 'msg', 'message', 'Message', 'MESSAGE', 'EventID', 'event_id', 'event.code', 'RecordNumber',
  'record_id', 'Hostname', 'host', 'computer_name', 'ProviderName', 'SourceName', 'Channel', 'name', 'pid', 'v', 'Keywords',
  'SeverityValue', 'EventType', 'UserID', 'TargetUserName', 'EventData', 'Properties', 'winlog', 'event', 'System', 'Event',
  '$date', '$numberLong', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '.', 'a.b', 'data',
];

const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: word });

/** Numbers that stress time and ID handling: epoch seconds to nanoseconds, beyond 2^53, negative, fractional. */
const jsonNumber = fc.oneof(
  fc.integer({ min: -100, max: 70000 }).map(String),
  fc.constantFrom('1700000000', '1700000000123', '1700000000123456', '1700000000123456789', '99999999999999999999', '1e308', '-0', '0.5', '4294967296', '2147483648', '-2147483649', '1E400', '123456789012345678901234567890'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);

/** JSON string literals, escapes included (written by hand so that lone surrogates survive as \uXXXX). */
const jsonString = fc.oneof(
  { weight: 20, arbitrary: fc.oneof(message, word, host, isoTimestamp, anyTimestamp, numberText).map((text) => JSON.stringify(text)) },
  {
    weight: 5,
    arbitrary: fc.constantFrom('"\\ud800"', '"\\udc00x"', '"\\u0000"', '"\\/Date(1700000000000)\\/"', '"/Date(-99999999999999)/"', '"a\\nb\\r\\nc"', '"\\t\\b\\f"', '""', '" "'),
  },
  { weight: 1, arbitrary: longText.map((text) => JSON.stringify(text)) },
);

const scalar = fc.oneof(jsonNumber, jsonString, fc.constantFrom('true', 'false', 'null'));

/** A JSON value as text, nested a few levels with keys from the vocabulary. */
const jsonValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`) },
    { weight: 2, arbitrary: fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`) },
  ),
})).value;

/** Deep nesting: arrays or objects thousands of levels deep, closed or not. */
const deepValue = fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.constantFrom('array', 'object', 'mixed'), fc.boolean()).map(([depth, shape, closed]) => {
  const open = shape === 'array' ? '[' : shape === 'object' ? '{"a":' : '{"EventData":[';
  const close = shape === 'array' ? ']' : shape === 'object' ? '}' : ']}';
  return `${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}`;
});

/** An object that looks like a log entry: a time, a level, a message and whatever else. */
const entryObject = fc
  .tuple(
    fc.option(fc.tuple(fc.constantFrom('@timestamp', 'time', 'ts', 'TimeCreated', 'EventTime'), fc.oneof(jsonString, jsonNumber))),
    fc.option(fc.tuple(fc.constantFrom('level', 'Level', 'severity', 'PRIORITY', 'SeverityValue'), fc.oneof(jsonString, jsonNumber))),
    fc.option(fc.tuple(fc.constantFrom('msg', 'message', 'Message'), fc.oneof(jsonString, jsonValue))),
    fc.option(fc.tuple(fc.constantFrom('EventID', 'event_id', 'RecordNumber', 'record_id'), fc.oneof(jsonNumber, jsonString))),
    fc.array(fc.tuple(key, fc.oneof({ weight: 30, arbitrary: jsonValue }, { weight: 1, arbitrary: deepValue })), { maxLength: 6 }),
  )
  .map(([time, level, msg, id, rest]) => {
    const pairs = [time, level, msg, id, ...rest].filter((pair): pair is [string, string] => pair !== null);
    return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  });

/** Windows events as nxlog and winlogbeat write them. */
const windowsEvent = fc
  .tuple(isoTimestamp, numberText, word, host, jsonValue, fc.constantFrom('nxlog', 'winlogbeat'))
  .map(([time, id, provider, computer, data, shape]) =>
    shape === 'nxlog'
      ? `{"EventTime":${JSON.stringify(time)},"Hostname":${JSON.stringify(computer)},"EventID":${id === '' ? '""' : /^\d+$/.test(id) ? id : JSON.stringify(id)},"SourceName":${JSON.stringify(provider)},"Channel":"Security","EventData":${data}}`
      : `{"@timestamp":${JSON.stringify(time)},"winlog":{"event_id":${JSON.stringify(id)},"provider_name":${JSON.stringify(provider)},"computer_name":${JSON.stringify(computer)},"event_data":${data}},"message":"m"}`,
  );

/** One line (or a few: pretty-printed objects span lines) of a JSON-lines file. */
const jsonLine = fc.oneof(
  { weight: 8, arbitrary: entryObject },
  { weight: 3, arbitrary: windowsEvent },
  { weight: 1, arbitrary: jsonValue },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: fc.tuple(entryObject, entryObject).map(([a, b]) => `${a}${b}`) },
  { weight: 1, arbitrary: fc.tuple(entryObject, fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))) },
  { weight: 1, arbitrary: entryObject.map(prettyPrinted) },
  { weight: 1, arbitrary: messageBody },
);

/** The object spread over lines as ConvertTo-Json writes it; text that does not parse stays as it is. */
function prettyPrinted(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2) ?? text;
  } catch {
    return text;
  }
}

const jsonLinesDocument = fc.tuple(fc.array(jsonLine, { maxLength: 30 }), fc.constantFrom('lines', 'lines', 'lines', 'array', 'blank-gaps')).map(([lines, shape]) => {
  if (shape === 'array') return ['[', lines.join(',\n'), ']'];
  if (shape === 'blank-gaps') return lines.flatMap((line) => [line, '']);
  return lines;
});

export const jsonLinesFile = textFile(document(jsonLinesDocument));
