/**
 * The comma- and tab-separated exports of Windows tools: Event Viewer (Vista and later, in each
 * display language), the NT/2003 Event Viewer text logs, PowerShell's Export-Csv of Get-WinEvent
 * and Get-EventLog, and Logsift's own CSV export. Fields are quoted, half-quoted or not at all,
 * hold the delimiter, doubled quotes and line breaks; rows lose and gain fields.
 */
import fc from 'fast-check';
import { EVENT_VIEWER_LANGUAGES } from '../../formats/eventviewer-languages';
import { EVENT_LOG_COLUMNS, WIN_EVENT_COLUMNS } from '../../formats/powershell-csv-columns';
import { textFile } from './encode';
import { anyTimestamp, document, host, isoTimestamp, messageBody, numberText, slashedTimestamp, word } from './text-pieces';

type Quoting = 'auto' | 'always' | 'never' | 'open';
const quoting: fc.Arbitrary<Quoting> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Quoting>('auto') },
  { weight: 2, arbitrary: fc.constant<Quoting>('always') },
  { weight: 2, arbitrary: fc.constant<Quoting>('never') },
  { weight: 1, arbitrary: fc.constant<Quoting>('open') },
);

/** One field as a CSV writer (or a careless one) puts it. */
function field(value: string, delimiter: string, how: Quoting): string {
  const quoted = `"${value.replaceAll('"', '""')}"`;
  switch (how) {
    case 'always':
      return quoted;
    case 'never':
      return value;
    case 'open':
      return `"${value}`;
    case 'auto':
      return value.includes(delimiter) || value.includes('"') || /[\r\n]/.test(value) ? quoted : value;
  }
}

/** A row of values: quoting chosen per field, sometimes a field short or one too many. */
function row(values: fc.Arbitrary<string[]>, delimiter: string): fc.Arbitrary<string> {
  return fc
    .tuple(values, fc.array(quoting, { minLength: 40, maxLength: 40 }), fc.constantFrom('same', 'same', 'same', 'short', 'long'))
    .map(([all, how, shape]) => {
      const fields = shape === 'short' ? all.slice(0, Math.max(0, all.length - 1)) : shape === 'long' ? [...all, 'extra'] : all;
      return fields.map((value, i) => field(value, delimiter, how[i % how.length]!)).join(delimiter);
    });
}

const delimiter = fc.constantFrom(',', ',', '\t', ';');

const allLevelWords = [...new Set(EVENT_VIEWER_LANGUAGES.flatMap((language) => Object.keys(language.levels)))];
const levelWord = fc.oneof(fc.constantFrom(...allLevelWords), fc.constantFrom('Information', 'Warning', 'Error', 'Audit Success'), word);

const eventViewerCsv = fc.tuple(fc.constantFrom(...EVENT_VIEWER_LANGUAGES), delimiter, fc.boolean()).chain(([language, sep, header]) => {
  const headerLine = language.header.map((name) => name.replace(/(^|\s)\w/g, (c) => c.toUpperCase())).join(sep);
  const dates = fc.oneof(slashedTimestamp, isoTimestamp, anyTimestamp);
  const values = fc.tuple(levelWord, dates, word, numberText, fc.oneof(fc.constant('None'), word), messageBody).map((parts) => [...parts]);
  return fc.array(row(values, sep), { maxLength: 30 }).map((rows) => (header ? [headerLine, ...rows] : rows));
});

const legacyType = fc.constantFrom('Information', 'Warning', 'Error', 'Success Audit', 'Failure Audit', 'Erfolgsüberwachung', '');
const legacyEventViewerText = fc.tuple(delimiter, fc.boolean()).chain(([sep, header]) => {
  const headerLine = ['Date', 'Time', 'Source', 'Type', 'Category', 'Event', 'User', 'Computer', 'Description'].join(sep);
  const values = fc
    .tuple(slashedTimestamp, word, legacyType, fc.oneof(fc.constant('None'), word), numberText, fc.constantFrom('N/A', 'SYSTEM', 'CONTOSO\\admin'), host, messageBody)
    .map(([stamp, source, type, category, id, user, computer, description]) => {
      const [date, ...time] = stamp.split(' ');
      return [date ?? '', time.join(' '), source, type, category, id, user, computer, description];
    });
  // NT wrote descriptions unquoted, line breaks included.
  const plainRow = values.map((fields) => fields.join(sep));
  return fc.array(fc.oneof(plainRow, row(values, sep)), { maxLength: 30 }).map((rows) => (header ? [headerLine, ...rows] : rows));
});

/** A value shaped for a PowerShell property. */
function powerShellValue(column: string): fc.Arbitrary<string> {
  if (/^(Time|Date)/.test(column)) return fc.oneof(slashedTimestamp, fc.integer({ min: -1e16, max: 1e16 }).map((ms) => `/Date(${ms})/`), anyTimestamp);
  if (/Id$|ID$|^Index$|^Level$|^Task$|Number$|^Qualifiers$|^Version$|^Opcode$/.test(column)) return numberText;
  if (column === 'Keywords') return fc.constantFrom('-9214364837600034816', '36028797018963968', '0x8020000000000000', '', '18446744073709551615');
  if (column === 'Message') return messageBody;
  return fc.oneof(word, host, fc.constantFrom('System.String[]', 'System.Byte[]', ''));
}

const powerShellCsv = fc
  .tuple(fc.constantFrom(WIN_EVENT_COLUMNS, EVENT_LOG_COLUMNS), fc.constantFrom(',', ',', ';', '\t'), fc.constantFrom('#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', '#TYPE System.Diagnostics.EventLogEntry#Application/MSExchangeMTA/2147492869', '#TYPE Selected.System.Diagnostics.EventLogEntry', ''))
  .chain(([all, sep, typeLine]) =>
    fc.shuffledSubarray([...all], { minLength: 3 }).chain((columns) => {
      const values = fc.tuple(...columns.map(powerShellValue)).map((parts) => [...parts]);
      const headerLine = columns.map((name) => `"${name}"`).join(sep);
      return fc.array(row(values, sep), { maxLength: 25 }).map((rows) => [...(typeLine ? [typeLine] : []), headerLine, ...rows]);
    }),
  );

const LOGSIFT_LABELS = ['Time (UTC)', 'Level', 'Source', 'Event ID', 'Category', 'Computer', 'User', 'Message', 'KB', 'File', 'Line', 'Channel', 'Record ID', 'Bookmark'];
const logsiftCsv = fc
  .tuple(fc.shuffledSubarray(LOGSIFT_LABELS, { minLength: 1 }), fc.boolean())
  .chain(([labels, bom]) => {
    const columns = ['Time (UTC)', 'Level', 'Message', ...labels.filter((label) => !['Time (UTC)', 'Level', 'Message'].includes(label))];
    const valueFor = (label: string): fc.Arbitrary<string> =>
      label === 'Time (UTC)' ? fc.oneof(isoTimestamp, anyTimestamp) : label === 'Message' ? messageBody : /ID|Line/.test(label) ? numberText : fc.oneof(word, levelWord, host);
    const values = fc.tuple(...columns.map(valueFor)).map((parts) => [...parts]);
    return fc.array(row(values, ','), { maxLength: 25 }).map((rows) => [`${bom ? '\ufeff' : ''}${columns.join(',')}`, ...rows]);
  });

export const eventViewerCsvFile = textFile(document(eventViewerCsv));
export const legacyEventViewerTextFile = textFile(document(legacyEventViewerText));
export const powerShellCsvFile = textFile(document(powerShellCsv));
export const logsiftCsvFile = textFile(document(logsiftCsv));
