/**
 * Syslog's numeric vocabulary (PRI = facility × 8 + severity, RFC 5424 §6.2.1) and the level words
 * that files without a PRI carry instead, mapped onto Logsift's severity scale.
 */
import type { Severity } from '../../../shared/model/severity';
import { severityFromSyslog, severityFromWord } from '../../../shared/model/severity';

/** Facility names as syslog.conf and rsyslog spell them, indexed by facility number. */
const FACILITY_NAMES: readonly string[] = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'audit',
  'alert',
  'clock',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];

/** Severity names as syslog.conf spells them, indexed by severity number (0 emerg … 7 debug). */
const SEVERITY_NAMES: readonly string[] = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** The largest valid PRI: facility 23 (local7), severity 7 (debug). */
export const MAX_PRIORITY = 191;

/** The facility name for a PRI value (`<34>` → auth). */
export function facilityName(priority: number): string {
  return FACILITY_NAMES[priority >> 3] ?? String(priority >> 3);
}

/** The severity name for a PRI value (`<34>` → crit). */
export function severityName(priority: number): string {
  return SEVERITY_NAMES[priority & 7]!;
}

/** The Logsift level for a PRI value: 0–2 critical, 3 error, 4 warning, 5–6 information, 7 verbose. */
export function levelOfPriority(priority: number): Severity {
  return severityFromSyslog(priority & 7)!;
}

/**
 * The words ChromeOS (and some relays) write in place of the host to give the severity. Only the
 * upper-case syslog names count as proof of the format; lower-case ones are read but prove nothing,
 * because plain application logs write `info`/`error` in the same place.
 */
const SYSLOG_SEVERITY_WORD = /^(EMERG|ALERT|CRIT|ERR|WARNING|NOTICE|INFO|DEBUG)$/;

/** True for a level word written where the host would be (`INFO`, `warning`, `err`). */
export function isLevelWord(token: string): boolean {
  return /^[A-Za-z]{3,11}$/.test(token) && severityFromWord(token) !== undefined;
}

/** True when the level word is one of syslog's own upper-case severity names. */
export function isSyslogSeverityWord(token: string): boolean {
  return SYSLOG_SEVERITY_WORD.test(token);
}

/** Upper-case level words anywhere near the start: `(CRON) INFO (…)`, `[INFO]`, `daemon-WARNING`. */
const UPPER_LEVEL_WORD = /\b(EMERG|ALERT|CRITICAL|CRIT|FATAL|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE)\b/;

/** A lower-case level word that opens the message: `error: Could not load host key`. */
const LEADING_LEVEL_WORD = /^[[(]?(emerg|alert|critical|crit|fatal|error|err|warning|warn|notice|info|debug)[\])]?:/i;

/** How far into a message a level word still describes the message rather than quotes something. */
const LEVEL_WORD_REACH = 80;

/** The level a message without a PRI states about itself, if it states one. */
export function levelOfMessage(message: string): Severity | undefined {
  const leading = LEADING_LEVEL_WORD.exec(message);
  if (leading) return severityFromWord(leading[1]!);
  const upper = UPPER_LEVEL_WORD.exec(message.slice(0, LEVEL_WORD_REACH));
  return upper ? severityFromWord(upper[1]!) : undefined;
}
