import { describe, expect, it } from 'vitest';
import { renderRecordXml } from './binxml-render';
import { BinXmlError, chunkContext } from './binxml-context';
import { parseFragment } from './binxml-tokens';
import { VALUE_ARRAY, VALUE_BINXML, VALUE_FILETIME, VALUE_NULL, VALUE_SID, VALUE_STRING, VALUE_UINT16, VALUE_UINT8 } from './binxml-values';
import { buildEvent } from './evtx-event';
import { EventFieldCollector } from './evtx-event-fields';
import { BinXmlWriter, chunkWith } from './evtx-test-support';

const RECORD_1 = 0x200;
/** Record 1 defines the template inline, right after its template-instance header. */
const TEMPLATE = RECORD_1 + 14;
const RECORD_2 = 0x1000;
/** 2016-07-08T18:12:51.6816408Z */
const FILETIME = BigInt(Date.UTC(2016, 6, 8, 18, 12, 51, 681)) * 10_000n + 6408n + 116_444_736_000_000_000n;

function templateBody(base: number, dependencyId: boolean): BinXmlWriter {
  const d = { dependencyId };
  const a = { dependencyId, attributes: true };
  return new BinXmlWriter(base)
    .fragmentHeader()
    .open('Event', a).attribute('xmlns').text('urn:test').closeStart()
    .open('System', d).closeStart()
    .open('Provider', a).attribute('Name').substitution(0, VALUE_STRING).closeEmpty()
    .open('EventID', a).attribute('Qualifiers').substitution(1, VALUE_UINT16, true).closeStart().substitution(2, VALUE_UINT16).end()
    .open('Level', d).closeStart().substitution(3, VALUE_UINT8).end()
    .open('TimeCreated', a).attribute('SystemTime').substitution(4, VALUE_FILETIME).closeEmpty()
    .open('Security', a).attribute('UserID').substitution(5, VALUE_SID, true).closeEmpty()
    .end()
    .open('EventData', d).closeStart()
    // a&b A<![CDATA[x<y]]>: text, an entity reference, a character reference and CDATA.
    .open('Data', a).attribute('Name').text('Text').closeStart().text('a').u8(0x09).name('amp').text('b ').u8(0x08).u16(65).u8(0x07).u16(3).utf16('x<y').end()
    .open('Data', a).attribute('Name').text('List').closeStart().substitution(6, VALUE_STRING | VALUE_ARRAY).end()
    .open('Data', a).attribute('Name').text('Gone').closeStart().substitution(7, VALUE_STRING, true).end()
    .u8(0x0a).name('pi').u8(0x0b).u16(4).utf16('data')
    .end()
    .substitution(8, VALUE_BINXML, true)
    .end()
    .endOfStream();
}

interface Value {
  type: number;
  bytes: (at: number) => number[];
}

const utf16 = (text: string): number[] => [...text].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]);
const le = (value: bigint, size: number): number[] => Array.from({ length: size }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
const fixed = (type: number, bytes: number[]): Value => ({ type, bytes: () => bytes });

/** A record body: template instance (definition inline when `inline`), values, end of stream. */
function record(base: number, inline: boolean, values: Value[]): BinXmlWriter {
  const writer = new BinXmlWriter(base).fragmentHeader().u8(0x0c, 1).u32(0x1234).u32(TEMPLATE);
  if (inline) {
    const body = templateBody(TEMPLATE + 24, true);
    writer.u32(0).u8(...new Array<number>(16).fill(0x11)).u32(body.bytes.length).u8(...body.bytes);
  }
  writer.u32(values.length);
  // Values follow the descriptors; each knows where it lands (nested BinXml needs that).
  let at = writer.pos + values.length * 4;
  const data: number[][] = [];
  for (const value of values) {
    const bytes = value.bytes(at);
    data.push(bytes);
    writer.u16(bytes.length).u8(value.type, 0);
    at += bytes.length;
  }
  for (const bytes of data) writer.u8(...bytes);
  return writer.endOfStream();
}

const nestedUserData: Value = {
  type: VALUE_BINXML,
  bytes: (at) =>
    new BinXmlWriter(at)
      .fragmentHeader()
      .open('UserData').closeStart()
      .open('Wrap', { attributes: true }).attribute('xmlns').text('urn:w').closeStart()
      .open('Field', { attributes: true }).attribute('Unit').text('s').closeStart().text('v').end()
      .end()
      .end()
      .endOfStream().bytes,
};

const record1 = record(RECORD_1, true, [
  fixed(VALUE_STRING, utf16('Prov')),
  fixed(VALUE_NULL, []),
  fixed(VALUE_UINT16, [7, 0]),
  fixed(VALUE_UINT8, [2]),
  fixed(VALUE_FILETIME, le(FILETIME, 8)),
  fixed(VALUE_SID, [1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]),
  fixed(VALUE_STRING | VALUE_ARRAY, utf16('one\0two\0')),
  fixed(VALUE_NULL, []),
  nestedUserData,
]);
const record2 = record(RECORD_2, false, [
  fixed(VALUE_STRING, utf16('Other & <Co>')),
  fixed(VALUE_UINT16, [0x00, 0x40]),
  fixed(VALUE_UINT16, [0x39, 0x05]),
  fixed(VALUE_UINT8, [4]),
  fixed(VALUE_FILETIME, le(FILETIME, 8)),
  fixed(VALUE_NULL, []),
  fixed(VALUE_STRING | VALUE_ARRAY, utf16('only\0')),
  fixed(VALUE_STRING, utf16('kept\0')),
  fixed(VALUE_NULL, []),
]);

function render(chunk: Uint8Array, writer: BinXmlWriter, context = chunkContext(chunk)): { xml: string; fields: EventFieldCollector } {
  const fields = new EventFieldCollector();
  const nodes = parseFragment(context, writer.base, writer.pos, false, 0);
  return { xml: renderRecordXml(nodes, fields), fields };
}

describe('Binary XML tokens and rendering', () => {
  it('renders a record whose template is defined inline, with every kind of token', () => {
    const { xml } = render(chunkWith(record1), record1);
    expect(xml).toBe(
      '<Event xmlns="urn:test"><System><Provider Name="Prov"/><EventID>7</EventID><Level>2</Level>' +
        '<TimeCreated SystemTime="2016-07-08T18:12:51.6816408Z"/><Security UserID="S-1-5-18"/></System>' +
        '<EventData><Data Name="Text">a&amp;b &#65;<![CDATA[x<y]]></Data><Data Name="List">one</Data><Data Name="List">two</Data><?pi data?></EventData>' +
        '<UserData><Wrap xmlns="urn:w"><Field Unit="s">v</Field></Wrap></UserData></Event>',
    );
  });

  it('reuses the cached template for a later record and escapes values', () => {
    const chunk = chunkWith(record1, record2);
    const context = chunkContext(chunk);
    render(chunk, record1, context);
    const { xml } = render(chunk, record2, context);
    expect(context.templates.size).toBe(1);
    expect(xml).toContain('<Provider Name="Other &amp; &lt;Co&gt;"/><EventID Qualifiers="16384">1337</EventID>');
    // Absent optional values: the attribute goes (<Security/>), so does the element (no UserData).
    expect(xml).toContain('<Security/></System>');
    expect(xml).toContain('<Data Name="List">only</Data><Data Name="Gone">kept</Data>');
    expect(xml).not.toContain('UserData');
    expect(xml).toMatch(/<\/EventData><\/Event>$/);
  });

  it('collects the fields and builds the event', () => {
    const { xml, fields } = render(chunkWith(record1), record1);
    const event = buildEvent(fields, xml, { recordId: 99, writtenTime: 0, fileOffset: 0 }, undefined);
    expect(event).toMatchObject({
      time: Date.UTC(2016, 6, 8, 18, 12, 51, 681),
      level: 'error',
      provider: 'Prov',
      eventId: 7,
      user: 'S-1-5-18',
      recordId: 99,
      line: 0,
      raw: xml,
    });
    expect(event.data).toEqual({ Text: 'a&b Ax<y', List: 'one', 'List#2': 'two', Field: 'v', 'Field@Unit': 's' });
    expect(event.message).toBe('Message not available — insertion strings: Text=a&b Ax<y; List=one; List=two; Field=v; Field@Unit=s');
  });

  it('finds names whether or not element headers carry a dependency identifier', () => {
    // The template body written without dependency ids, read as a template (expecting them).
    const body = templateBody(0x300, false);
    const nodes = parseFragment(chunkContext(chunkWith(body)), 0x300, body.pos, true, 0);
    expect(nodes[0]).toMatchObject({ name: 'Event' });
  });

  it('reports damage instead of throwing anything else or hanging', () => {
    const chunk = chunkWith(record1);
    const context = chunkContext(chunk);
    // An unknown token.
    chunk[RECORD_1 + 4] = 0x1f;
    expect(() => parseFragment(context, RECORD_1, record1.pos, false, 0)).toThrow(BinXmlError);
    // A template offset inside the chunk header.
    const bad = new BinXmlWriter(0x2000).fragmentHeader().u8(0x0c, 1).u32(0).u32(0x10).u32(0).endOfStream();
    expect(() => parseFragment(chunkContext(chunkWith(bad)), 0x2000, bad.pos, false, 0)).toThrow(/bad template offset/);
    // A name offset pointing outside the chunk.
    const badName = new BinXmlWriter(0x2000).fragmentHeader().u8(0x01).u32(0).nameRef(0xfffff0).u8(0x03, 0x00);
    expect(() => parseFragment(chunkContext(chunkWith(badName)), 0x2000, badName.pos, false, 0)).toThrow(/bad name offset/);
    // Cut short in the middle of a token.
    expect(() => parseFragment(chunkContext(chunkWith(record1)), RECORD_1, RECORD_1 + 20, false, 0)).toThrow(BinXmlError);
    expect(() => parseFragment(chunkContext(chunkWith(record2)), RECORD_2, RECORD_2 + 11, false, 0)).toThrow(/cut short/);
  });

  it('stops a template that instantiates itself', () => {
    // Template at 0x400 whose body is a template instance of itself.
    const self = new BinXmlWriter(0x400).u32(0).u8(...new Array<number>(16).fill(0)).u32(18).fragmentHeader().u8(0x0c, 1).u32(0).u32(0x400).u32(0).endOfStream();
    const use = new BinXmlWriter(0x800).fragmentHeader().u8(0x0c, 1).u32(0).u32(0x400).u32(0).endOfStream();
    expect(() => parseFragment(chunkContext(chunkWith(self, use)), 0x800, use.pos, false, 0)).toThrow(BinXmlError);
  });
});

describe('rendering limits', () => {
  it('stops a record whose templates multiply (each instantiating the next many times)', () => {
    // Template k (k = 0..5) holds 40 instances of template k+1; the last one holds one element.
    const writers: BinXmlWriter[] = [];
    const base = (k: number): number => 0x400 + k * 0x800;
    for (let k = 0; k <= 5; k++) {
      const body = new BinXmlWriter(base(k) + 24).fragmentHeader();
      if (k === 5) body.open('Leaf').closeEmpty();
      else for (let i = 0; i < 40; i++) body.u8(0x0c, 1).u32(0).u32(base(k + 1)).u32(0);
      body.endOfStream();
      const header = new BinXmlWriter(base(k)).u32(0).u8(...new Array<number>(16).fill(0)).u32(body.bytes.length);
      writers.push(header, body);
    }
    const use = new BinXmlWriter(0x6000).fragmentHeader().u8(0x0c, 1).u32(0).u32(base(0)).u32(0).endOfStream();
    const context = chunkContext(chunkWith(...writers, use));
    const nodes = parseFragment(context, 0x6000, use.pos, false, 0);
    expect(() => renderRecordXml(nodes, new EventFieldCollector())).toThrow(/more than 200000 nodes/);
  });
});

describe('entity references', () => {
  it('renders a reference to an unknown entity as written, even one named like an Object member', () => {
    const writer = new BinXmlWriter(0x200).fragmentHeader().open('Event').closeStart().u8(0x09).name('amp').u8(0x09).name('constructor').end().endOfStream();
    expect(render(chunkWith(writer), writer).xml).toBe('<Event>&amp;&constructor;</Event>');
  });
});
