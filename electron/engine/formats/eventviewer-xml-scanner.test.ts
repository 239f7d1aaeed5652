import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countNonBlankLines } from '../ingest/line-accounting';
import { eventViewerXml } from './eventviewer-xml';
import type { DocumentPiece } from './eventviewer-xml-scanner';
import { EventElementScanner } from './eventviewer-xml-scanner';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'logs', 'eventviewer-xml');
const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const context = { fileName: 'test.xml', modifiedTime: 0, options: {} };

interface Outcome {
  entries: { kind: 'event' | 'unparsed'; line: number; raw: string; reason?: string; recordId?: number | null }[];
  skipped: number;
  /** What the pipeline would report: file lines minus lines inside raws minus skipped. */
  lostLines: number;
}

/** Parses `text` cut into the given chunks and does the pipeline's line accounting. */
async function parseChunks(chunks: readonly string[]): Promise<Outcome> {
  const outcome: Outcome = { entries: [], skipped: 0, lostLines: 0 };
  async function* source(): AsyncGenerator<string> {
    yield* chunks;
  }
  await eventViewerXml.parse(
    source(),
    {
      event: (e) => outcome.entries.push({ kind: 'event', line: e.line, raw: e.raw, recordId: e.recordId }),
      unparsed: (u) => outcome.entries.push({ kind: 'unparsed', line: u.line, raw: u.raw, reason: u.reason }),
      skipped: (lines) => (outcome.skipped += lines),
    },
    context,
  );
  const inRaws = outcome.entries.reduce((sum, entry) => sum + countNonBlankLines(entry.raw), 0);
  outcome.lostLines = countNonBlankLines(chunks.join('')) - inRaws - outcome.skipped;
  return outcome;
}

function record(id: number, extra = ''): string {
  return `<Event xmlns='${NS}'><System><EventID>1</EventID><EventRecordID>${id}</EventRecordID></System>${extra}</Event>`;
}

function scanAll(chunks: readonly string[], maxElementChars?: number): DocumentPiece[] {
  const scanner = new EventElementScanner(maxElementChars);
  return [...chunks.flatMap((chunk) => scanner.push(chunk)), ...scanner.end()];
}

/** Joins neighbouring markup pieces: how whitespace is split between pieces depends on the chunks. */
function mergeMarkup(pieces: readonly DocumentPiece[]): DocumentPiece[] {
  const merged: DocumentPiece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (piece.kind === 'markup' && last?.kind === 'markup') merged[merged.length - 1] = { kind: 'markup', text: last.text + piece.text };
    else merged.push({ ...piece });
  }
  return merged;
}

describe('eventviewer-xml element scanning', () => {
  it('accounts for a one-line file of three events: each raw is exactly its element', async () => {
    const events = [record(1), record(2), record(3)];
    const outcome = await parseChunks([events.join('')]);
    expect(outcome.entries.map((entry) => [entry.kind, entry.line, entry.raw])).toEqual(events.map((raw) => ['event', 1, raw]));
    // The pipeline counts the shared line once per event; the plugin reports the two repeats.
    expect(outcome.skipped).toBe(-2);
    expect(outcome.lostLines).toBe(0);
  });

  it('accounts for a pretty-printed export: wrapper lines skipped, events on their own lines', async () => {
    const indented = (id: number): string => `  <Event xmlns="${NS}">\r\n    <System>\r\n      <EventRecordID>${id}</EventRecordID>\r\n    </System>\r\n  </Event>`;
    const text = `<?xml version="1.0" encoding="utf-8"?>\r\n<Events>\r\n${indented(1)}\r\n\r\n${indented(2)}\r\n</Events>\r\n`;
    const outcome = await parseChunks([text]);
    expect(outcome.entries.map((entry) => [entry.line, entry.recordId])).toEqual([
      [3, 1],
      [9, 2],
    ]);
    expect(outcome.entries[0]!.raw).toBe(indented(1).trimStart());
    expect(outcome.skipped).toBe(3);
    expect(outcome.lostLines).toBe(0);
  });

  it('shares lines between the wrapper, events and stray text, and still adds up', async () => {
    const text = `<Events>${record(1)}junk${record(2)}\n</Event> more\n${record(3)}</Events>`;
    const outcome = await parseChunks([text]);
    expect(outcome.entries.map((entry) => [entry.kind, entry.line, entry.raw])).toEqual([
      ['event', 1, record(1)],
      ['unparsed', 1, 'junk'],
      ['event', 1, record(2)],
      ['unparsed', 2, '</Event> more'],
      ['event', 3, record(3)],
    ]);
    expect(outcome.entries[1]!.reason).toBe('text outside any <Event> element');
    expect(outcome.lostLines).toBe(0);
  });

  it('gives the same result however the text is cut into chunks', async () => {
    const samples = [
      readFileSync(join(FIXTURES, 'wevtutil-one-line.xml'), 'utf8'),
      readFileSync(join(FIXTURES, 'pretty-printed-truncated.xml'), 'utf8'),
      `<?xml version="1.0"?>\r<Events>\r${record(1, '<!-- </Event> --><?pi </Event>?>')}\r\n${record(2, '<EventData><Data><![CDATA[</Event>]]></Data></EventData>')}\r</Events>`,
      `stray text < here\n<Events>${record(1)} trailing <b>junk</b>\n<Event/>\n</Events>`,
    ];
    for (const text of samples) {
      const pieces = mergeMarkup(scanAll([text]));
      for (let cut = 1; cut < text.length; cut++) expect(mergeMarkup(scanAll([text.slice(0, cut), text.slice(cut)])), `cut at ${cut}`).toEqual(pieces);
      expect(mergeMarkup(scanAll([...text]))).toEqual(pieces);
      // The whole plugin, at fewer places: line numbers and accounting across chunks.
      const whole = await parseChunks([text]);
      expect(whole.lostLines).toBe(0);
      for (let cut = 1; cut < text.length; cut += 97) expect(await parseChunks([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('does not end an element at </EventData>, </EventID> or </Event> inside CDATA and comments', () => {
    const element = record(7, '<EventData><Data><![CDATA[x </Event> y]]></Data><!-- </Event> --></EventData>');
    expect(scanAll([element])).toEqual([{ kind: 'event', text: element }]);
  });

  it('reports a truncated last event without its trailing line breaks', async () => {
    const text = `<Events>\n${record(1)}\n<Event xmlns='${NS}'><System><EventID>1</Event\n\n`;
    const outcome = await parseChunks([text]);
    expect(outcome.entries.map((entry) => [entry.kind, entry.line, entry.reason])).toEqual([
      ['event', 2, undefined],
      ['unparsed', 3, 'the file ends before this <Event> is closed'],
    ]);
    expect(outcome.entries[1]!.raw).toBe(`<Event xmlns='${NS}'><System><EventID>1</Event`);
    expect(outcome.lostLines).toBe(0);
  });

  it('cuts an element that the next <Event> or the </Events> wrapper interrupts', async () => {
    const text = `<Events>\n<Event><System>\n${record(2)}\n<Event xmlns='${NS}'>\n</Events>`;
    const outcome = await parseChunks([text]);
    expect(outcome.entries.map((entry) => [entry.kind, entry.line, entry.reason ?? entry.recordId])).toEqual([
      ['unparsed', 2, 'the next <Event> begins before this one is closed'],
      ['event', 3, 2],
      ['unparsed', 4, 'the </Events> wrapper ends before this <Event> is closed'],
    ]);
    expect(outcome.skipped).toBe(2);
    expect(outcome.lostLines).toBe(0);
  });

  it('cuts a start or end tag that never closes at the next tag', () => {
    expect(scanAll([`<Event xmlns='${NS}\n${record(1)}`]).map((piece) => piece.kind)).toEqual(['broken-event', 'markup', 'event']);
    const cutEnd = scanAll([`<Event><System/></Event\n${record(2)}`]);
    expect(cutEnd.map((piece) => piece.kind)).toEqual(['broken-event', 'markup', 'event']);
    expect(cutEnd[0]).toEqual({ kind: 'broken-event', text: '<Event><System/></Event', reason: 'the </Event> end tag is cut off' });
  });

  it('leaves a DOCTYPE and foreign elements outside events as stray text', () => {
    const pieces = scanAll([`<!DOCTYPE Events [\n<!ENTITY x "y">\n]>\n<Events><EventData/>${record(3)}</Events>`]);
    expect(pieces.filter((piece) => piece.kind !== 'markup')).toEqual([
      { kind: 'stray', text: '<!DOCTYPE Events [' },
      { kind: 'stray', text: '<!ENTITY x "y">' },
      { kind: 'stray', text: ']>' },
      { kind: 'stray', text: '<EventData/>' },
      { kind: 'event', text: record(3) },
    ]);
  });

  it('gives up on an element longer than the bound and goes on with the text after it', () => {
    const pieces = scanAll(['<Event>', 'x'.repeat(50), 'y'.repeat(50), `</Event>\n${record(1)}`], 80);
    expect(pieces.map((piece) => piece.kind)).toEqual(['broken-event', 'stray', 'markup', 'event']);
    expect(pieces[0]).toMatchObject({ reason: 'no </Event> within 80 characters' });
    expect(pieces.map((piece) => piece.text).join('')).toBe(`<Event>${'x'.repeat(50)}${'y'.repeat(50)}</Event>\n${record(1)}`);
  });

  it('hands out every character exactly once, and never throws, on random XML-ish text', async () => {
    const tokens = ['<Event>', `<Event xmlns='${NS}'>`, '</Event>', '<Events>', '</Events>', '<EventData>', '</EventData>', '<Data>', '</Data>',
      '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '<', '>', "'", '"', '&amp;', 'text', ' ', '\t', '\n', '\r\n', '\r', '<Event/>'];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = random(60); i >= 0; i--) text += tokens[random(tokens.length)];
      const cut = random(text.length + 1);
      expect(scanAll([text.slice(0, cut), text.slice(cut)]).map((piece) => piece.text).join(''), text).toBe(text);
      expect((await parseChunks([text.slice(0, cut), text.slice(cut)])).lostLines, JSON.stringify(text)).toBe(0);
    }
  });
});

describe('eventviewer-xml cut-off elements (found by fuzzing)', () => {
  it('trims the blanks after a cut-off element in linear time, however long its runs of blanks', () => {
    // With a regex anchored at the end this took about 30 s (quadratic in each run of blanks), and
    // then failed on the test's time limit; now it takes milliseconds.
    const blanks = ' \t'.repeat(50_000);
    const pieces = scanAll([`<Event>${blanks}x${blanks}y  \r\n`]);
    expect(pieces.map((piece) => piece.kind)).toEqual(['broken-event', 'markup']);
    expect(pieces[0]!.text.endsWith('y')).toBe(true);
    expect(pieces[1]!.text).toBe('  \r\n');
  });
});
