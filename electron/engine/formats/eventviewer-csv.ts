/**
 * Event Viewer "Save All Events As…" text exports from Windows Vista and later: a header of five
 * names (Level, Date and Time, Source, Event ID, Task Category) and six fields per row, the sixth
 * being the rendered message without a header name. Comma-separated (.csv) or tab-separated (.txt);
 * messages may hold quoted line breaks; level words and the date shape follow the exporting
 * machine's language.
 */
import type { Severity } from '../../../shared/model/severity';
import { severityFromWord } from '../../../shared/model/severity';
import type { FormatPlugin, ParseSink } from './format';
import { eventIdFromText } from './event-numbers';
import { isBlankLine, splitLines } from './lines';
import { type DelimitedRecord, DelimitedRecordReader } from './windows-csv-records';
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
  // Own properties only: "__proto__" or "constructor" in the level column would otherwise find
  // Object.prototype's members and make them the level (found by fuzzing).
  const levelIn = (levels: EventViewerLanguage['levels']): Severity | undefined => (Object.hasOwn(levels, key) ? levels[key] : undefined);
  // Exports from mixed-language machines happen; fall back to English words.
  return levelIn(language.levels) ?? levelIn(EVENT_VIEWER_LANGUAGES[0]!.levels) ?? severityFromWord(word);
}

export const eventViewerCsv: FormatPlugin = {
  id: 'eventviewer-csv',
  label: 'Event Viewer export (CSV/TXT)',

  detect(sample) {
    return languageOfHeader(splitHeader(firstLineOf(sample)).names) ? 0.95 : 0;
  },

  async parse(chunks, sink, context) {
    let language: EventViewerLanguage | undefined;
    let reader: DelimitedRecordReader | undefined;
    let delimiter: ',' | '\t' = ',';
    // The date order (9/12 = 9 December or 12 September?) is settled by the first rows: they are
    // held until enough have been seen, then everything streams.
    let rules: ReadingRules | undefined;
    const held: DelimitedRecord[] = [];
    const settle = (): ReadingRules => {
      const fallback = language ?? EVENT_VIEWER_LANGUAGES[0]!;
      const inferred = inferDayFirst(held.map((record) => record.fields[1] ?? ''));
      const settled = { language: fallback, dayFirst: context.options.dayFirst ?? inferred ?? fallback.dayFirst, timeZone: context.options.timeZone };
      for (const record of held.splice(0)) emitRecord(record, delimiter, sink, settled);
      return settled;
    };
    const take = (record: DelimitedRecord | undefined): void => {
      if (!record) return;
      if (rules) return emitRecord(record, delimiter, sink, rules);
      held.push(record);
      if (held.length >= ROWS_TO_SETTLE_DATE_ORDER) rules = settle();
    };
    for await (const { text, line } of splitLines(chunks)) {
      if (!reader) {
        if (isBlankLine(text)) continue;
        const header = splitHeader(text);
        delimiter = header.delimiter;
        language = languageOfHeader(header.names);
        reader = new DelimitedRecordReader(delimiter);
        if (language) {
          sink.skipped(1);
          continue;
        }
      }
      take(reader.push(text, line));
    }
    take(reader?.end());
    if (!rules) settle();
  },
};

/** Rows looked at to decide whether dates are day first. */
const ROWS_TO_SETTLE_DATE_ORDER = 200;

function emitRecord(record: DelimitedRecord, delimiter: string, sink: ParseSink, rules: ReadingRules): void {
  if (!record.complete) {
    sink.unparsed({ raw: record.raw, line: record.line, reason: 'a quoted field is never closed' });
    return;
  }
  emitRow(record.fields, record.raw, record.line, delimiter, sink, rules);
}

function emitRow(fields: string[], raw: string, line: number, delimiter: string, sink: ParseSink, rules: ReadingRules): void {
  const rawText = raw;
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
  const eventId = eventIdFromText(eventIdText);
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
