/**
 * What PowerShell's Export-Csv writes for event objects: the property names of Get-WinEvent's
 * EventLogRecord and Get-EventLog's EventLogEntry, how to recognise a header made of them, and how
 * their level columns map to a severity.
 */
import type { Severity } from '../../../shared/model/severity';
import { severityFromWord } from '../../../shared/model/severity';
import { type Delimiter, splitDelimitedLine } from './windows-csv-records';

/** Get-WinEvent's EventLogRecord properties, in the order Export-Csv writes them. */
export const WIN_EVENT_COLUMNS: readonly string[] = [
  'Message', 'Id', 'Version', 'Qualifiers', 'Level', 'Task', 'Opcode', 'Keywords', 'RecordId', 'ProviderName',
  'ProviderId', 'LogName', 'ProcessId', 'ThreadId', 'MachineName', 'UserId', 'TimeCreated', 'ActivityId',
  'RelatedActivityId', 'ContainerLog', 'MatchedQueryIds', 'Bookmark', 'LevelDisplayName', 'OpcodeDisplayName',
  'TaskDisplayName', 'KeywordsDisplayNames', 'Properties',
];

/** Get-EventLog's EventLogEntry properties, in the order Export-Csv writes them. */
export const EVENT_LOG_COLUMNS: readonly string[] = [
  'EventID', 'MachineName', 'Data', 'Index', 'Category', 'CategoryNumber', 'EntryType', 'Message', 'Source',
  'ReplacementStrings', 'InstanceId', 'TimeGenerated', 'TimeWritten', 'UserName', 'Site', 'Container',
];

const WIN_EVENT_NAMES = new Set(WIN_EVENT_COLUMNS.map((name) => name.toLowerCase()));
const EVENT_LOG_NAMES = new Set(EVENT_LOG_COLUMNS.map((name) => name.toLowerCase()));

/** Which cmdlet's objects a header describes, and how many of its columns are the cmdlet's own. */
export interface HeaderShape {
  cmdlet: 'Get-WinEvent' | 'Get-EventLog';
  known: number;
}

/**
 * Recognises a header row by its characteristic columns, in any order: TimeCreated with Id or
 * ProviderName (Get-WinEvent), TimeGenerated with EventID, InstanceId, Source or EntryType
 * (Get-EventLog). `Select-Object` subsets qualify as long as three of the cmdlet's columns remain.
 */
export function recogniseHeader(fields: readonly string[]): HeaderShape | undefined {
  const names = new Set(fields.map((field) => field.trim().toLowerCase()));
  const count = (known: ReadonlySet<string>): number => [...names].filter((name) => known.has(name)).length;
  const has = (...candidates: string[]): boolean => candidates.some((name) => names.has(name));
  if (names.has('timecreated') && has('id', 'providername')) {
    const known = count(WIN_EVENT_NAMES);
    if (known >= 3) return { cmdlet: 'Get-WinEvent', known };
  }
  if (names.has('timegenerated') && has('eventid', 'instanceid', 'source', 'entrytype')) {
    const known = count(EVENT_LOG_NAMES);
    if (known >= 3) return { cmdlet: 'Get-EventLog', known };
  }
  return undefined;
}

/** The default column order for a header-less export, chosen by its number of fields. */
export function defaultColumns(fieldCount: number): readonly string[] | undefined {
  if (fieldCount === WIN_EVENT_COLUMNS.length) return WIN_EVENT_COLUMNS;
  if (fieldCount === EVENT_LOG_COLUMNS.length) return EVENT_LOG_COLUMNS;
  return undefined;
}

/** True when `fields` contain at least two property names of either cmdlet (a lenient header test). */
export function hasKnownNames(fields: readonly string[]): boolean {
  const known = fields.filter((field) => {
    const name = field.trim().toLowerCase();
    return WIN_EVENT_NAMES.has(name) || EVENT_LOG_NAMES.has(name);
  });
  return known.length >= 2;
}

/** The `#TYPE` line Windows PowerShell writes before the header (PowerShell 7 omits it). */
export function typeLineName(line: string): string | undefined {
  const match = /^\s*#TYPE\s+(.*)$/i.exec(line);
  return match ? match[1]!.trim() : undefined;
}

/** True for the type names of event objects (also `Selected.` ones that Select-Object makes). */
export function isEventTypeName(typeName: string): boolean {
  return /System\.Diagnostics\.(Eventing\.Reader\.EventLogRecord|EventLogEntry)\b/i.test(typeName);
}

/** The separator that turns `line` into the most event property names (`-UseCulture` may pick ';'). */
export function headerDelimiter(line: string): Delimiter {
  let best: Delimiter = ',';
  let bestKnown = -1;
  for (const delimiter of [',', ';', '\t'] as const) {
    const known = splitDelimitedLine(line, delimiter).filter((field) => {
      const name = field.trim().toLowerCase();
      return WIN_EVENT_NAMES.has(name) || EVENT_LOG_NAMES.has(name);
    }).length;
    if (known > bestKnown) [best, bestKnown] = [delimiter, known];
  }
  return best;
}

/** Reads a cell of the current row by property name (case-insensitive); undefined when absent. */
export type CellReader = (name: string) => string | undefined;

const WINDOWS_LEVELS: readonly Severity[] = ['information', 'critical', 'error', 'warning', 'information', 'verbose'];

const ENTRY_TYPE_NUMBERS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['0', 'information'],
  ['1', 'error'],
  ['2', 'warning'],
  ['4', 'information'],
  ['8', 'audit-success'],
  ['16', 'audit-failure'],
]);

// Security-log events have Level 0 or 4 and say success or failure only in their keywords.
const AUDIT_SUCCESS = 0x20000000000000n;
const AUDIT_FAILURE = 0x10000000000000n;

/**
 * The severity of a row: Level (0–5) refined by the audit keywords, else LevelDisplayName, else
 * Get-EventLog's EntryType (word or number); 'unknown' when none says.
 */
export function rowSeverity(cell: CellReader): Severity {
  const audit = auditFromKeywords(cell('Keywords')) ?? wordSeverity(cell('KeywordsDisplayNames'));
  const levelText = cell('Level')?.trim() ?? '';
  const level = /^\d+$/.test(levelText) ? Number(levelText) : undefined;
  if (level !== undefined && level >= 1 && level <= 3) return WINDOWS_LEVELS[level]!;
  if ((level === 0 || level === 4 || level === undefined) && (audit === 'audit-success' || audit === 'audit-failure')) return audit;
  if (level !== undefined && level < WINDOWS_LEVELS.length) return WINDOWS_LEVELS[level]!;
  const entryType = cell('EntryType')?.trim() ?? '';
  return (
    wordSeverity(cell('LevelDisplayName')) ??
    wordSeverity(levelText) ??
    wordSeverity(entryType) ??
    ENTRY_TYPE_NUMBERS.get(entryType) ??
    'unknown'
  );
}

function wordSeverity(text: string | undefined): Severity | undefined {
  return text === undefined || text.trim() === '' ? undefined : severityFromWord(text);
}

/** Keywords is written as a signed 64-bit decimal (or hex); the audit bits sit near the top. */
function auditFromKeywords(text: string | undefined): Severity | undefined {
  const trimmed = text?.trim() ?? '';
  if (!/^(-?\d+|0x[0-9a-f]+)$/i.test(trimmed)) return undefined;
  const bits = BigInt.asUintN(64, BigInt(trimmed));
  if (bits & AUDIT_FAILURE) return 'audit-failure';
  if (bits & AUDIT_SUCCESS) return 'audit-success';
  return undefined;
}
