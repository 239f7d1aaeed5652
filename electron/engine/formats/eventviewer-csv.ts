/**
 * Event Viewer "Save All Events As…" text exports from Windows Vista and later: a header of five
 * names (Level, Date and Time, Source, Event ID, Task Category) and six fields per row, the sixth
 * being the rendered message without a header name. Comma-separated (.csv) or tab-separated (.txt);
 * messages may hold quoted line breaks; level words and the date shape follow the exporting
 * machine's language.
 */
import { Readable } from 'node:stream';
import { parse as createCsvParser } from 'csv-parse';
import type { Severity } from '../../../shared/model/severity';
import { severityFromWord } from '../../../shared/model/severity';
import type { FormatPlugin, ParseOptions, ParseSink } from './format';
import { parseLocaleDateTime, wallClockToUtc } from './timestamps';

/** Header rows as each Event Viewer language writes them, lower-cased. */
const HEADERS: readonly (readonly string[])[] = [
  ['level', 'date and time', 'source', 'event id', 'task category'],
  ['ebene', 'datum und uhrzeit', 'quelle', 'ereignis-id', 'aufgabenkategorie'],
  ['niveau', 'date et heure', 'source', 'id de l’événement', 'catégorie de la tâche'],
  ['nivel', 'fecha y hora', 'origen', 'id. del evento', 'categoría de la tarea'],
  ['niveau', 'datum en tijd', 'bron', 'gebeurtenis-id', 'taakcategorie'],
];

/** Level words of the non-English exports (English ones come from the shared severity model). */
const LOCAL_LEVEL_WORDS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['informationen', 'information'],
  ['warnung', 'warning'],
  ['fehler', 'error'],
  ['kritisch', 'critical'],
  ['ausführlich', 'verbose'],
  ['avertissement', 'warning'],
  ['erreur', 'error'],
  ['critique', 'critical'],
  ['commentaires', 'verbose'],
  ['información', 'information'],
  ['advertencia', 'warning'],
  ['crítico', 'critical'],
  ['detallado', 'verbose'],
  ['informatie', 'information'],
  ['waarschuwing', 'warning'],
  ['fout', 'error'],
  ['kritiek', 'critical'],
  ['uitgebreid', 'verbose'],
]);

function eventViewerLevel(word: string): Severity | undefined {
  return severityFromWord(word) ?? LOCAL_LEVEL_WORDS.get(word.trim().toLowerCase());
}

function splitHeader(line: string): { delimiter: ',' | '\t'; names: string[] } {
  const delimiter = line.includes('\t') ? '\t' : ',';
  return { delimiter, names: line.split(delimiter).map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase()) };
}

function matchesKnownHeader(names: readonly string[]): boolean {
  return HEADERS.some((header) => header.length === names.length && header.every((name, i) => names[i] === name));
}

export const eventViewerCsv: FormatPlugin = {
  id: 'eventviewer-csv',
  label: 'Event Viewer export (CSV/TXT)',

  detect(sample) {
    return matchesKnownHeader(splitHeader(firstLineOf(sample)).names) ? 0.95 : 0;
  },

  async parse(chunks, sink, context) {
    const iterator = chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return;
    const delimiter = splitHeader(firstLineOf(first.value)).delimiter;
    const parser = createCsvParser({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    });
    Readable.from(prepend(first.value, iterator)).pipe(parser);
    let lastLine = 0;
    let headerSeen = false;
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const startLine = lastLine + 1;
      lastLine = item.info.lines;
      if (!headerSeen) {
        headerSeen = true;
        if (matchesKnownHeader(item.record.map((name) => name.trim().toLowerCase()))) {
          sink.skipped(1);
          continue;
        }
      }
      emitRow(item.record, item.raw, startLine, delimiter, sink, context.options);
    }
  },
};

function emitRow(fields: string[], raw: string, line: number, delimiter: string, sink: ParseSink, options: ParseOptions): void {
  const rawText = raw.replace(/\r?\n$/, '');
  if (fields.length < 5) {
    sink.unparsed({ raw: rawText, line, reason: `expected at least 5 fields, found ${fields.length}` });
    return;
  }
  const [levelWord, dateTime, provider, eventIdText, category, ...messageParts] = fields as [
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  const level = eventViewerLevel(levelWord);
  const wallClock = parseLocaleDateTime(dateTime, options.dayFirst);
  const eventId = /^\d+$/.test(eventIdText.trim()) ? Number(eventIdText.trim()) : null;
  if (level === undefined && levelWord.trim() !== '') {
    sink.unparsed({ raw: rawText, line, reason: `unknown level word "${levelWord}"` });
    return;
  }
  if (wallClock === undefined) {
    sink.unparsed({ raw: rawText, line, reason: `unreadable date and time "${dateTime}"` });
    return;
  }
  // Event Viewer writes the exporting machine's local time with no zone.
  const time = wallClockToUtc(wallClock, options.timeZone);
  sink.event({
    time,
    level: level ?? 'unknown',
    provider: provider.trim() || null,
    eventId,
    category: category.trim() || null,
    computer: null,
    user: null,
    channel: null,
    recordId: null,
    message: messageParts.join(delimiter).trim(),
    data: null,
    raw: rawText,
    line,
  });
}

function firstLineOf(text: string): string {
  return text.split(/\r\n|\n|\r/, 1)[0] ?? '';
}

/** The first chunk again, then the rest of the iterator. */
async function* prepend(first: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
