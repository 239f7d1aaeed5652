/**
 * The severity scales JSON loggers use, mapped into Logsift's one scale: level words in their many
 * spellings, bunyan/pino numbers, syslog priorities, Windows levels, nxlog's SeverityValue and the
 * Windows audit keywords.
 */
import type { Severity } from '../../../shared/model/severity';
import { severityFromEventType, severityFromSyslog, severityFromWindowsLevel, severityFromWord } from '../../../shared/model/severity';
import type { JsonValue } from './json-lines-values';

/** Windows keyword bits that make an event an audit success or failure (winmeta.xml). */
const AUDIT_FAILURE_BIT = 0x10000000000000n;
const AUDIT_SUCCESS_BIT = 0x20000000000000n;

/**
 * A level word: "WARN", "Informational", "AUDIT_SUCCESS" (nxlog), "DEBUG5" (numbered debug levels
 * as some loggers write them); undefined for words that are not levels ("STATS").
 */
export function severityFromLevelWord(word: string): Severity | undefined {
  if (word.length > 40) return undefined;
  const spaced = word.replace(/[_-]+/g, ' ').trim();
  return severityFromWord(spaced) ?? severityFromWord(spaced.replace(/\s*\d+$/, ''));
}

/** bunyan and pino: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function severityFromBunyanLevel(level: number): Severity | undefined {
  switch (level) {
    case 10:
    case 20:
      return 'verbose';
    case 30:
      return 'information';
    case 40:
      return 'warning';
    case 50:
      return 'error';
    case 60:
      return 'critical';
    default:
      return undefined;
  }
}

/** syslog severities (journald PRIORITY): 0 emerg … 7 debug. */
export const severityFromSyslogPriority = severityFromSyslog;

export { severityFromWindowsLevel };

/** nxlog SeverityValue: 1 DEBUG, 2 INFO, 3 WARNING, 4 ERROR, 5 CRITICAL. */
export function severityFromNxlogValue(value: number): Severity | undefined {
  const levels: readonly Severity[] = ['verbose', 'information', 'warning', 'error', 'critical'];
  return Number.isInteger(value) ? levels[value - 1] : undefined;
}

/** .NET EventLogEntryType (Get-EventLog): 1 Error, 2 Warning, 4 Information, 8 SuccessAudit, 16 FailureAudit. */
export function severityFromEntryType(value: number): Severity | undefined {
  return value === 0 ? undefined : severityFromEventType(value);
}

/**
 * Audit success/failure from Windows keywords: a 64-bit mask written as a number (nxlog, often
 * negative because it is signed), a hex or decimal string, or a list of keyword names (winlogbeat,
 * PowerShell's KeywordsDisplayNames).
 */
export function auditFromKeywords(value: JsonValue | undefined): Severity | undefined {
  if (Array.isArray(value)) {
    for (const name of value) {
      const severity = typeof name === 'string' ? severityFromWord(name) : undefined;
      if (severity === 'audit-success' || severity === 'audit-failure') return severity;
    }
    return undefined;
  }
  let mask: bigint | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) mask = BigInt.asUintN(64, BigInt(Math.trunc(value)));
  else if (typeof value === 'string' && /^(?:0x[0-9a-f]{1,16}|-?\d{1,20})$/i.test(value.trim())) mask = BigInt.asUintN(64, BigInt(value.trim()));
  if (mask === undefined) return undefined;
  if ((mask & AUDIT_FAILURE_BIT) !== 0n) return 'audit-failure';
  if ((mask & AUDIT_SUCCESS_BIT) !== 0n) return 'audit-success';
  return undefined;
}

/** A number written as a JSON number or a digit string. */
export function numberOf(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d{1,6}\s*$/.test(value)) return Number(value);
  return undefined;
}
