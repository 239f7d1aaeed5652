/**
 * The one severity scale every format maps into, with its labels and colours.
 *
 * Codes are stored in the event store as small integers, ordered from most to least urgent so that
 * "level >= warning" style filters are a range test.
 */
export const SEVERITIES = [
  'critical',
  'error',
  'warning',
  'audit-failure',
  'information',
  'audit-success',
  'verbose',
  'unknown',
] as const;

export type Severity = (typeof SEVERITIES)[number];

/** The integer stored for a severity (its index in SEVERITIES). */
export function severityCode(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * Windows event Level (System/Level): 0 LogAlways (no level; shown as Information unless the audit
 * keywords say otherwise), 1 Critical, 2 Error, 3 Warning, 4 Informational, 5 Verbose. Other
 * values are provider-defined: undefined.
 */
export function severityFromWindowsLevel(level: number): Severity | undefined {
  const levels: readonly Severity[] = ['information', 'critical', 'error', 'warning', 'information', 'verbose'];
  return Number.isInteger(level) ? levels[level] : undefined;
}

/**
 * Legacy EVENTLOG types (EVENTLOGRECORD.EventType, ReportEvent's wType, .NET EventLogEntryType):
 * 0 success and 4 information, 1 error, 2 warning, 8 audit success, 16 audit failure.
 */
export function severityFromEventType(type: number): Severity | undefined {
  const types: Readonly<Record<number, Severity>> = { 0: 'information', 1: 'error', 2: 'warning', 4: 'information', 8: 'audit-success', 16: 'audit-failure' };
  return types[type];
}

/** Syslog severities (RFC 5424; the low 3 bits of a PRI): 0–2 critical, 3 error, 4 warning, 5–6 information, 7 verbose. */
export function severityFromSyslog(severity: number): Severity | undefined {
  if (!Number.isInteger(severity) || severity < 0 || severity > 7) return undefined;
  const levels: readonly Severity[] = ['critical', 'critical', 'critical', 'error', 'warning', 'information', 'information', 'verbose'];
  return levels[severity];
}

/** The severity for a stored integer; out-of-range codes read as 'unknown'. */
export function severityFromCode(code: number): Severity {
  return SEVERITIES[code] ?? 'unknown';
}

/** Human labels, as Event Viewer spells them where it has a word for it. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  error: 'Error',
  warning: 'Warning',
  'audit-failure': 'Audit Failure',
  information: 'Information',
  'audit-success': 'Audit Success',
  verbose: 'Verbose',
  unknown: 'Unknown',
};

/**
 * A glyph per severity so that colour is never the only cue (colour-blind users, printed reports).
 * Plain Unicode symbols that common UI fonts carry (no emoji, which many Linux desktops lack).
 */
export const SEVERITY_ICONS: Readonly<Record<Severity, string>> = {
  critical: '‼',
  error: '✖',
  warning: '⚠',
  'audit-failure': '⊘',
  information: 'ℹ',
  'audit-success': '✓',
  verbose: '…',
  unknown: '?',
};

export interface SeverityColours {
  /** Row background. */
  background: string;
  /** Text/icon colour of the level (readable on `background` and on the page). */
  accent: string;
}

/**
 * The one palette, light and dark: the grid, the detail view, the timeline and exports all read
 * these (the renderer turns them into CSS variables; exports colour rows with them).
 */
export const SEVERITY_PALETTE: Readonly<Record<'light' | 'dark', Readonly<Record<Severity, SeverityColours>>>> = {
  light: {
    critical: { background: '#f9d0d0', accent: '#a40000' },
    error: { background: '#fde2e1', accent: '#c62828' },
    warning: { background: '#fff4cc', accent: '#9a6700' },
    'audit-failure': { background: '#fbe3f0', accent: '#9c2a6b' },
    information: { background: '#ffffff', accent: '#1f5fa8' },
    'audit-success': { background: '#eef7ee', accent: '#2e7d32' },
    verbose: { background: '#f5f5f5', accent: '#616161' },
    unknown: { background: '#f0f0f0', accent: '#757575' },
  },
  dark: {
    critical: { background: '#4a1414', accent: '#ff8a80' },
    error: { background: '#3d1a1a', accent: '#ff6b6b' },
    warning: { background: '#3b3110', accent: '#ffd54f' },
    'audit-failure': { background: '#3a1a2e', accent: '#f48fb1' },
    information: { background: '#1e1f22', accent: '#82b1ff' },
    'audit-success': { background: '#17301a', accent: '#81c784' },
    verbose: { background: '#25272b', accent: '#b0b0b0' },
    unknown: { background: '#2a2b2f', accent: '#9e9e9e' },
  },
};

const LEVEL_WORDS: ReadonlyMap<string, Severity> = new Map<string, Severity>([
  ['fatal', 'critical'],
  ['critical', 'critical'],
  ['crit', 'critical'],
  ['emerg', 'critical'],
  ['emergency', 'critical'],
  ['alert', 'critical'],
  ['panic', 'critical'],
  ['error', 'error'],
  ['err', 'error'],
  ['severe', 'error'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['information', 'information'],
  ['informational', 'information'],
  ['info', 'information'],
  ['notice', 'information'],
  ['debug', 'verbose'],
  ['trace', 'verbose'],
  ['verbose', 'verbose'],
  ['fine', 'verbose'],
  ['audit success', 'audit-success'],
  ['audit failure', 'audit-failure'],
  ['success audit', 'audit-success'],
  ['failure audit', 'audit-failure'],
  ['successaudit', 'audit-success'],
  ['failureaudit', 'audit-failure'],
]);

/**
 * Maps a level word as logs and English Event Viewer exports write it ("Warning", "WARN",
 * "Audit Failure") to a severity; undefined when the word is not a level.
 */
export function severityFromWord(word: string): Severity | undefined {
  return LEVEL_WORDS.get(word.trim().toLowerCase());
}
