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
import type { FormatPlugin, ParseSink } from './format';
import { EVENT_VIEWER_LANGUAGES, languageOfHeader, type EventViewerLanguage } from './eventviewer-languages';
import { inferDayFirst, parseLocaleDateTime, wallClockToUtc } from './timestamps';

function splitHeader(line: string): { delimiter: ',' | '\t'; names: string[] } {
  const delimiter = line.includes('\t') ? '\t' : ',';
  return { delimiter, names: line.split(delimiter) };
}

/** How to read one file's rows: its language's words, and its date order. */
interface ReadingRules {
  language: EventViewerLanguage;
  dayFirst: boolean;
  timeZone: string | undefined;
}

function levelOf(word: string, language: EventViewerLanguage): Severity | undefined {
  const key = word.trim().replace(/'/g, '’').toLowerCase();
  // Exports from mixed-language machines happen; fall back to English words.
  return language.levels[key] ?? EVENT_VIEWER_LANGUAGES[0]!.levels[key] ?? severityFromWord(word);
}

/** Date fields of the rows in the first chunk, to settle day/month order. */
function sampleDates(text: string, delimiter: string): string[] {
  return text
    .split(/\r\n|\n|\r/)
    .slice(1, 200)
    .map((line) => line.split(delimiter)[1] ?? '');
}

export const eventViewerCsv: FormatPlugin = {
  id: 'eventviewer-csv',
  label: 'Event Viewer export (CSV/TXT)',

  detect(sample) {
    return languageOfHeader(splitHeader(firstLineOf(sample)).names) ? 0.95 : 0;
  },

  async parse(chunks, sink, context) {
    const iterator = chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return;
    const header = splitHeader(firstLineOf(first.value));
    const delimiter = header.delimiter;
    const language = languageOfHeader(header.names) ?? EVENT_VIEWER_LANGUAGES[0]!;
    const rules: ReadingRules = {
      language,
      dayFirst: context.options.dayFirst ?? inferDayFirst(sampleDates(first.value, delimiter)) ?? language.dayFirst,
      timeZone: context.options.timeZone,
    };
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
        if (languageOfHeader(item.record)) {
          sink.skipped(1);
          continue;
        }
      }
      emitRow(item.record, item.raw, startLine, delimiter, sink, rules);
    }
  },
};

function emitRow(fields: string[], raw: string, line: number, delimiter: string, sink: ParseSink, rules: ReadingRules): void {
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
  const level = levelOf(levelWord, rules.language);
  const wallClock = parseLocaleDateTime(dateTime, rules.dayFirst);
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
  const time = wallClockToUtc(wallClock, rules.timeZone);
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
