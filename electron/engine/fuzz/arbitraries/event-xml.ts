/**
 * Windows event XML: single events, Event Viewer's `<Events>` exports (pretty-printed or not) and
 * wevtutil's back-to-back events, with odd entities (numeric references to NUL, surrogates and
 * beyond Unicode, unknown names), CDATA (split `]]>` included), comments, processing
 * instructions, DTDs with entities (which must be refused), deep nesting and cut-off documents.
 */
import fc from 'fast-check';
import { textFile } from './encode';
import { document, host, isoTimestamp, longText, message, numberText, word } from './text-pieces';

const NAMESPACE = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');

/** Text content: escaped properly, with odd references, CDATA, or raw markup characters. */
const content = fc.oneof(
  { weight: 6, arbitrary: message.map(escape) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '&#0;', '&#x0;', '&#xD800;', '&#xDFFF;', '&#x110000;', '&#99999999999;', '&#;', '&#x;', '&bogus;', '&constructor;', '&amp', '&', '&#10;&#13;', '&#x1F600;', '&lt;&gt;&quot;&apos;', '&#65',
    ),
  },
  { weight: 1, arbitrary: message.map((text) => `<![CDATA[${text}]]>`) },
  { weight: 1, arbitrary: fc.constantFrom('<![CDATA[a]]]]><![CDATA[>b]]>', '<![CDATA[', ']]>', '<!-- c -->', '<!-- -- -->', '<?pi data?>', '<', '>') },
  { weight: 1, arbitrary: longText.map(escape) },
);

const attribute = (name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(value, fc.constantFrom("'", '"')).map(([v, q]) => ` ${name}=${q}${escape(v)}${q}`);

const dataElements = fc.array(
  fc.oneof(
    fc.tuple(attribute('Name', word), content).map(([name, value]) => `<Data${name}>${value}</Data>`),
    content.map((value) => `<Data>${value}</Data>`),
    fc.constant('<Data/>'),
    fc.constant('<Binary>4D005300</Binary>'),
  ),
  { maxLength: 6 },
);

/** Nested elements thousands deep inside EventData or UserData. */
const deepData = fc.tuple(fc.integer({ min: 10, max: 5000 }), fc.boolean()).map(([depth, closed]) => `${'<x>'.repeat(depth)}v${closed ? '</x>'.repeat(depth) : ''}`);

const eventXml = fc
  .tuple(
    attribute('Name', word),
    numberText,
    fc.oneof(fc.integer({ min: 0, max: 5 }).map(String), numberText),
    fc.oneof(isoTimestamp, fc.constantFrom('', 'not a time', '2025-13-45T99:99:99Z')),
    numberText,
    fc.oneof(word, fc.constantFrom('System', 'Security', 'Application')),
    host,
    fc.oneof({ weight: 6, arbitrary: dataElements.map((data) => `<EventData>${data.join('')}</EventData>`) }, { weight: 1, arbitrary: deepData.map((deep) => `<UserData>${deep}</UserData>`) }),
    fc.option(content.map((text) => `<RenderingInfo Culture='en-US'><Message>${text}</Message><Level>Warning</Level></RenderingInfo>`)),
    fc.constantFrom(NAMESPACE, NAMESPACE, '', "xmlns:e='x'", NAMESPACE.replace("'", '"').replace(/'$/, '"')),
  )
  .map(
    ([provider, id, level, time, record, channel, computer, data, rendering, ns]) =>
      `<Event ${ns}><System><Provider${provider}/><EventID Qualifiers='16384'>${id}</EventID><Level>${level}</Level>` +
      `<TimeCreated SystemTime='${escape(time)}'/><EventRecordID>${record}</EventRecordID><Channel>${escape(channel)}</Channel>` +
      `<Computer>${escape(computer)}</Computer><Security UserID='S-1-5-18'/></System>${data}${rendering ?? ''}</Event>`,
  );

/** What may come before the first element. */
const prolog = fc.constantFrom(
  '',
  '<?xml version="1.0" encoding="UTF-8"?>',
  "<?xml version='1.0' encoding='utf-16'?>",
  '<!-- exported -->',
  '<!DOCTYPE Events [<!ENTITY x "boom">]>',
  '<!DOCTYPE Events [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<?xml',
  '\ufeff',
);

const eventXmlDocument = fc
  .tuple(prolog, fc.array(eventXml, { maxLength: 12 }), fc.constantFrom('events', 'wevtutil', 'pretty', 'single'), fc.nat(), fc.boolean())
  .map(([head, events, shape, cutAt, cut]) => {
    let text: string;
    if (shape === 'events') text = `${head}<Events>${events.join('')}</Events>`;
    else if (shape === 'wevtutil') text = head + events.join('');
    else if (shape === 'pretty') text = `${head}\n<Events>\n${events.map((event) => `  ${event.replace(/></g, '>\n    <')}`).join('\n')}\n</Events>`;
    else text = head + (events[0] ?? '<Event/>');
    // A document cut short (a crashed export, a truncated copy).
    return cut ? text.slice(0, cutAt % (text.length + 1)) : text;
  })
  .map((text) => [text]);

export const eventXmlFile = textFile(document(eventXmlDocument));
