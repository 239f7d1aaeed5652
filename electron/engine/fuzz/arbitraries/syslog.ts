/**
 * Syslog files as rsyslog and friends write them: RFC 3164 lines (with and without PRI), RFC 5424
 * lines with structured data (escapes, unclosed brackets, odd parameter names), rsyslog's ISO
 * timestamps, continuation lines and junk between them.
 */
import fc from 'fast-check';
import { textFile } from './encode';
import { bsdTimestamp, document, host, isoTimestamp, message, messageBody, word } from './text-pieces';

const pri = fc.oneof(
  fc.integer({ min: 0, max: 191 }).map((value) => `<${value}>`),
  fc.constantFrom('', '', '<>', '<999>', '<-1>', '<13', '<0013>'),
);

const tag = fc.oneof(
  fc.constantFrom('sshd', 'su', 'kernel', 'systemd', 'MSExchangeTransport', 'rsyslogd', 'CRON'),
  fc.stringMatching(/^[A-Za-z][\w./-]{0,40}$/),
  word,
);

const pid = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 99999 }).map((value) => `[${value}]`), fc.constantFrom('[', '[]', '[x]'));

const sdValue = fc.oneof(message, fc.constantFrom('a \\"quoted\\" \\] value', '\\', '"', ']', '\\\\'));
const sdElement = fc
  .tuple(fc.oneof(fc.constantFrom('exampleSDID@32473', 'meta', 'origin', 'timeQuality', '__proto__'), word), fc.array(fc.tuple(word, sdValue), { maxLength: 4 }))
  .map(([id, params]) => `[${id}${params.map(([name, value]) => ` ${name}="${value}"`).join('')}]`);
const structuredData = fc.oneof(fc.constant('-'), fc.array(sdElement, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')), fc.constantFrom('[', '[x', '[x a="b"', '[x a=b]'));

const nil = <T extends string>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<string> => fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.constant('-') });

const rfc3164 = fc
  .tuple(pri, bsdTimestamp, host, tag, pid, messageBody)
  .map(([p, time, h, t, id, msg]) => `${p}${time} ${h} ${t}${id}: ${msg}`);

const rfc5424 = fc
  .tuple(pri, fc.constantFrom('1', '1', '2', '0', ''), nil(isoTimestamp), nil(host), nil(tag), nil(fc.nat(99999).map(String)), nil(word), structuredData, fc.constantFrom('', '\ufeff'), messageBody)
  .map(([p, version, time, h, app, procid, msgid, sd, bom, msg]) => `${p}${version} ${time} ${h} ${app} ${procid} ${msgid} ${sd} ${bom}${msg}`);

const rsyslogFileFormat = fc.tuple(isoTimestamp, host, tag, pid, messageBody).map(([time, h, t, id, msg]) => `${time} ${h} ${t}${id}: ${msg}`);

const continuation = fc.tuple(fc.constantFrom('\t', ' ', '    '), message).map(([indent, msg]) => indent + msg);

const syslogLine = fc.oneof(
  { weight: 5, arbitrary: rfc3164 },
  { weight: 4, arbitrary: rfc5424 },
  { weight: 3, arbitrary: rsyslogFileFormat },
  { weight: 1, arbitrary: continuation },
  { weight: 1, arbitrary: message },
);

export const syslogFile: fc.Arbitrary<Uint8Array> = textFile(document(fc.array(syslogLine, { maxLength: 40 })));
