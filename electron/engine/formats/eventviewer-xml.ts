/**
 * Windows event XML: a single `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">`,
 * Event Viewer "Save as XML" (an `<Events>` wrapper, UTF-16 or UTF-8, pretty-printed or not) and
 * `wevtutil qe LOG /f:xml` (elements back to back with no root and no line breaks between them).
 *
 * The scanner cuts the stream into elements without parsing it, each element is parsed on its own
 * (so one damaged event costs one unparsed row, not the file), and the line tally keeps the
 * pipeline's line accounting exact although events and lines do not line up.
 */
import type { FormatPlugin, ParseSink } from './format';
import { readEventElement } from './eventviewer-xml-event';
import { LineTally } from './eventviewer-xml-lines';
import type { DocumentPiece } from './eventviewer-xml-scanner';
import { EventElementScanner } from './eventviewer-xml-scanner';

const EVENT_NAMESPACE = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** Windows event XML exports (Event Viewer "Save as XML", wevtutil /f:xml, single events). */
export const eventViewerXml: FormatPlugin = {
  id: 'eventviewer-xml',
  label: 'Event XML export',

  detect(sample) {
    return detectEventXml(sample);
  },

  async parse(chunks, sink) {
    const scanner = new EventElementScanner();
    const tally = new LineTally();
    for await (const chunk of chunks) for (const piece of scanner.push(chunk)) report(piece, tally, sink);
    for (const piece of scanner.end()) report(piece, tally, sink);
    tally.finish();
    // Lines of declaration and wrapper only; then the correction for lines that several events
    // share (see eventviewer-xml-lines.ts): the pipeline counts such a line once per event.
    if (tally.markupLines > 0) sink.skipped(tally.markupLines);
    if (tally.sharedLineRepeats > 0) sink.skipped(-tally.sharedLineRepeats);
  },
};

function report(piece: DocumentPiece, tally: LineTally, sink: ParseSink): void {
  if (piece.kind === 'markup') {
    tally.add(piece.text, false);
    return;
  }
  const line = tally.add(piece.text, true);
  switch (piece.kind) {
    case 'event': {
      const result = readElementSafely(piece.text, line);
      if ('reason' in result) sink.unparsed({ raw: piece.text, line, reason: result.reason });
      else sink.event(result);
      return;
    }
    case 'broken-event':
      sink.unparsed({ raw: piece.text, line, reason: piece.reason });
      return;
    case 'stray':
      sink.unparsed({ raw: piece.text, line, reason: 'text outside any <Event> element' });
      return;
  }
}

/** Bad input must cost one row, never the file: anything unforeseen becomes the row's reason. */
function readElementSafely(xml: string, line: number): ReturnType<typeof readEventElement> {
  try {
    return readEventElement(xml, line);
  } catch (error) {
    return { reason: `could not read the event: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Certain (0.98) when the first element is an `<Event>` in the event namespace, alone or inside an
 * `<Events>` wrapper; 0.9 for such an element without the namespace but with a `<System>` child, or
 * for an empty `<Events>` export; 0 for any other text, XML included.
 */
export function detectEventXml(sample: string): number {
  let rest = skipMisc(sample);
  if (rest === undefined) return 0;
  const wrapper = /^<Events(?=[\s>/])[^<>]*>/.exec(rest);
  if (wrapper) {
    if (wrapper[0].endsWith('/>')) return 0.9;
    rest = skipMisc(rest.slice(wrapper[0].length));
    if (rest === undefined) return 0;
    // An export of no events, or a sample that ends right after the wrapper's start tag.
    if (rest === '' || /^<\/Events\s*>/.test(rest)) return 0.9;
  }
  if (!/^<Event(?=[\s>/])/.test(rest)) return 0;
  const startTagEnd = rest.indexOf('>');
  const startTag = startTagEnd === -1 ? rest : rest.slice(0, startTagEnd);
  if (startTag.includes(EVENT_NAMESPACE)) return 0.98;
  return /^<Event\b[^<>]*>\s*<System[\s>]/.test(rest) ? 0.9 : 0;
}

/**
 * Skips what may precede the first element (byte-order mark, whitespace, the XML declaration,
 * comments); undefined when a comment or declaration never ends within the sample.
 */
function skipMisc(text: string): string | undefined {
  let rest = text.replace(/^[\uFEFF\s]+/, '');
  for (;;) {
    const close = rest.startsWith('<?') ? '?>' : rest.startsWith('<!--') ? '-->' : undefined;
    if (!close) return rest;
    const end = rest.indexOf(close);
    if (end === -1) return undefined;
    rest = rest.slice(end + close.length).replace(/^\s+/, '');
  }
}
