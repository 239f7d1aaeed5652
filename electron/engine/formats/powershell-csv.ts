/**
 * PowerShell `Export-Csv` (and `ConvertTo-Csv | Out-File`) of Get-WinEvent and Get-EventLog output:
 * an optional `#TYPE` line (Windows PowerShell 5.1; PowerShell 7 omits it), a header of property
 * names in any order or subset, then one record per event with every value quoted and messages
 * holding their line breaks. Arrays and objects are written as their type name (`System.String[]`).
 */
import type { ParsedEvent } from '../../../shared/model/log-event';
import type { FormatPlugin, ParseContext, ParseSink } from './format';
import { eventIdFromText, recordIdFromText } from './event-numbers';
import { isBlankLine, splitLines } from './lines';
import {
  type CellReader,
  defaultColumns,
  hasKnownNames,
  headerDelimiter,
  isEventTypeName,
  recogniseHeader,
  rowSeverity,
  typeLineName,
} from './powershell-csv-columns';
import { countNonBlankLines } from '../ingest/line-accounting';
import { type DelimitedRecord, DelimitedRecordReader, splitDelimitedLine } from './windows-csv-records';
import { parseExportDateTime } from './windows-csv-time';

/** Reads Get-WinEvent / Get-EventLog output saved with Export-Csv or ConvertTo-Csv. */
export const powerShellCsv: FormatPlugin = {
  id: 'powershell-csv',
  label: 'PowerShell Export-Csv',

  detect(sample) {
    const lines = sample.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 8).filter((line) => !isBlankLine(line));
    const typeName = lines[0] === undefined ? undefined : typeLineName(lines[0]);
    const headerLine = typeName === undefined ? lines[0] : lines[1];
    if (headerLine === undefined) return 0;
    const shape = recogniseHeader(splitDelimitedLine(headerLine, headerDelimiter(headerLine)));
    if (!shape) return 0;
    if (typeName !== undefined && isEventTypeName(typeName)) return 0.97;
    // The full property set is PowerShell's own; a Select-Object subset is very likely but less certain.
    return shape.known >= 8 ? 0.96 : 0.9;
  },

  async parse(chunks, sink, context) {
    const table = new PowerShellTable(sink, context);
    let reader: DelimitedRecordReader | undefined;
    for await (const { text, line } of splitLines(chunks)) {
      if (!reader) {
        if (isBlankLine(text)) continue;
        if (typeLineName(text) !== undefined) {
          sink.skipped(1);
          continue;
        }
        reader = new DelimitedRecordReader(headerDelimiter(text));
      }
      const record = reader.push(text, line);
      if (record) table.record(record);
    }
    const last = reader?.end();
    if (last) table.record(last);
  },
};

/** Per-file state: the header in force. Each record is mapped and reported as it arrives. */
class PowerShellTable {
  private columns: readonly string[] | undefined;
  /** Column position by lower-cased name (the first column of a repeated name wins). */
  private index = new Map<string, number>();
  private headerKey: string | undefined;

  constructor(
    private readonly sink: ParseSink,
    private readonly context: ParseContext,
  ) {}

  record(record: DelimitedRecord): void {
    const { sink } = this;
    const unparsed = (reason: string): void => sink.unparsed({ raw: record.raw, line: record.line, reason });
    if (!record.complete) {
      unparsed('a quoted value is never closed (damaged or truncated export)');
      return;
    }
    // Exports joined end to end repeat the #TYPE line and the header; a different header switches columns.
    if (record.fields.length === 1 && typeLineName(record.raw) !== undefined) {
      sink.skipped(1);
      return;
    }
    // Property names are short; only such rows are worth testing as a header.
    const short = record.fields.every((field) => field.length <= 64);
    const key = short ? record.fields.map((field) => field.trim().toLowerCase()).join('\u0000') : undefined;
    const isFirst = this.columns === undefined;
    const isHeader = key !== undefined && (key === this.headerKey || recogniseHeader(record.fields) !== undefined);
    if (isHeader || (short && isFirst && hasKnownNames(record.fields))) {
      this.useColumns(record.fields.map((field) => field.trim()));
      this.headerKey = key;
      sink.skipped(countNonBlankLines(record.raw));
      return;
    }
    // No header at all (`ConvertTo-Csv | Select-Object -Skip 1`): assume the cmdlet's full column order.
    if (isFirst) this.useColumns(defaultColumns(record.fields.length) ?? []);
    const columns = this.columns ?? [];
    if (columns.length === 0) {
      unparsed(`no header row names the columns, and ${record.fields.length} fields match neither cmdlet's full column set`);
      return;
    }
    if (record.fields.length !== columns.length) {
      unparsed(`expected ${columns.length} fields (one per header column), found ${record.fields.length}`);
      return;
    }
    const event = toEvent(columns, this.index, record, this.context);
    if (typeof event === 'string') unparsed(event);
    else sink.event(event);
  }

  private useColumns(columns: readonly string[]): void {
    this.columns = columns;
    this.index = new Map();
    columns.forEach((name, i) => {
      if (!this.index.has(name.toLowerCase())) this.index.set(name.toLowerCase(), i);
    });
  }
}

/** Maps one record to an event, or returns why it cannot be read. */
function toEvent(
  columns: readonly string[],
  index: ReadonlyMap<string, number>,
  record: DelimitedRecord,
  context: ParseContext,
): ParsedEvent | string {
  const cell: CellReader = (name) => {
    const i = index.get(name.toLowerCase());
    return i === undefined ? undefined : record.fields[i];
  };
  // Columns whose value moves into a first-class field verbatim; everything else stays in `data`.
  const used = new Set<string>();
  const take = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = cell(name);
      if (value !== undefined && value.trim() !== '') {
        used.add(name.toLowerCase());
        return value.trim();
      }
    }
    return undefined;
  };

  const timeName = ['TimeCreated', 'TimeGenerated'].find((name) => (cell(name)?.trim() ?? '') !== '');
  let time: number | null = null;
  if (timeName !== undefined) {
    const parsed = parseExportDateTime(cell(timeName)!, context.options);
    if (parsed === undefined) return `unreadable ${timeName} "${cell(timeName)!.trim()}"`;
    time = parsed;
    used.add(timeName.toLowerCase());
  }

  return {
    time,
    level: rowSeverity(cell),
    provider: take('ProviderName', 'Source') ?? null,
    eventId: eventIdOf(cell, used),
    category: take('TaskDisplayName', 'Category') ?? taskNumber(cell('Task')),
    computer: take('MachineName') ?? null,
    user: take('UserId', 'UserName') ?? null,
    channel: take('LogName') ?? null,
    recordId: numberIn(cell, used, 'RecordId', recordIdFromText) ?? numberIn(cell, used, 'Index', recordIdFromText) ?? null,
    message: (cell('Message') ?? '').trim(),
    data: remainingData(columns, record.fields, new Set([...used, 'message'])),
    raw: record.raw,
    line: record.line,
  };
}

/** Id (Get-WinEvent) or EventID (Get-EventLog); failing both, the low 16 bits of InstanceId, as Event Viewer shows it. */
function eventIdOf(cell: CellReader, used: Set<string>): number | null {
  const id = numberIn(cell, used, 'Id', eventIdFromText) ?? numberIn(cell, used, 'EventID', eventIdFromText);
  if (id !== undefined) return id;
  const instance = cell('InstanceId')?.trim() ?? '';
  return /^\d+$/.test(instance) ? Number(BigInt(instance) & 0xffffn) : null;
}

/** A number cell read by `read`; a cell it refuses (not a number, or too large to store) stays in `data`. */
function numberIn(cell: CellReader, used: Set<string>, name: string, read: (text: string) => number | null): number | undefined {
  const value = read(cell(name) ?? '');
  if (value === null) return undefined;
  used.add(name.toLowerCase());
  return value;
}

/** A task number without its display name, written the way Event Viewer shows it: "(12)". */
function taskNumber(task: string | undefined): string | null {
  const text = task?.trim() ?? '';
  return /^\d+$/.test(text) && text !== '0' ? `(${text})` : null;
}

/** The columns not moved into a field, by name, skipping empty cells; null when none remain. */
function remainingData(columns: readonly string[], fields: readonly string[], used: ReadonlySet<string>): Record<string, string> | null {
  const data = new Map<string, string>();
  columns.forEach((name, i) => {
    const value = fields[i] ?? '';
    const key = name === '' ? `Column${i + 1}` : name;
    if (used.has(name.toLowerCase()) || value.trim() === '' || data.has(key)) return;
    data.set(key, value);
  });
  return data.size > 0 ? Object.fromEntries(data) : null;
}
