/**
 * What the detail pane says about an entry, as plain data: the field list, the event data rows,
 * and the ticket-ready text "Copy as text" puts on the clipboard. Pure, so both the pane and the
 * copy say exactly the same.
 */
import type { KbRuleInfo } from '../../../shared/model/kb';
import { kbReason } from '../../../shared/model/kb';
import type { EventDetail } from '../../../shared/model/log-event';
import { VERDICT_LABELS } from '../../../shared/kb/rule-schema';
import { SEVERITY_LABELS } from '../../../shared/model/severity';

/** Formats whose `line` is the record's byte offset rather than a line number (ParsedEvent.line). */
const BINARY_FORMATS: ReadonlySet<string> = new Set(['evtx', 'evt']);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2025-12-09 17:37:32.120` from an instant read as UTC, always with milliseconds. */
function isoParts(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** The time in UTC with milliseconds: `2025-12-09 17:37:32.120 UTC`; '' for no time. */
export function formatUtcTime(time: number | null): string {
  if (time === null || !Number.isFinite(time)) return '';
  return `${isoParts(time)} UTC`;
}

/**
 * The time on this computer's clock with milliseconds and the offset used:
 * `2025-12-09 18:37:32.120 (UTC+01:00)`. The offset is a parameter so tests need no time zone.
 */
export function formatLocalTime(time: number | null, offsetMinutes?: number): string {
  if (time === null || !Number.isFinite(time)) return '';
  const offset = offsetMinutes ?? -new Date(time).getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const magnitude = Math.abs(offset);
  return `${isoParts(time + offset * 60_000)} (UTC${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)})`;
}

/** Where the entry is in its file: `C:\logs\app.log (line 3)`, or the byte offset of a binary record. */
export function locationText(detail: Pick<EventDetail, 'file' | 'line' | 'format'>): string {
  const where = BINARY_FORMATS.has(detail.format) ? `offset 0x${detail.line.toString(16).toUpperCase()}` : `line ${detail.line}`;
  return `${detail.file} (${where})`;
}

export function levelWord(detail: Pick<EventDetail, 'unparsed' | 'level'>): string {
  return detail.unparsed ? 'Unparsed' : SEVERITY_LABELS[detail.level];
}

/** The entry's fields as [label, value], empty ones left out. Labels follow the grid's columns. */
export function detailFields(detail: EventDetail, offsetMinutes?: number): [string, string][] {
  const fields: [string, string][] = [
    ['Time (UTC)', formatUtcTime(detail.time)],
    ['Time (local)', formatLocalTime(detail.time, offsetMinutes)],
    ['Level', levelWord(detail)],
    ['Source', detail.provider ?? ''],
    ['Event ID', detail.eventId === null ? '' : String(detail.eventId)],
    ['Category', detail.category ?? ''],
    ['Computer', detail.computer ?? ''],
    ['User', detail.user ?? ''],
    ['Channel', detail.channel ?? ''],
    ['Record ID', detail.recordId === null ? '' : String(detail.recordId)],
    ['File', locationText(detail)],
    ['Format', detail.format],
  ];
  return fields.filter(([, value]) => value !== '');
}

/** Insertion strings as `%1`, `%2`… (what message templates call them), named data by name. */
export function detailData(detail: Pick<EventDetail, 'data'>): [string, string][] {
  if (detail.data === null) return [];
  if (Array.isArray(detail.data)) return detail.data.map((value: string, index) => [`%${index + 1}`, value]);
  return Object.entries(detail.data);
}

/** The KB's verdict as text lines: verdict, reason, explanation, references. */
export function kbLines(detail: Pick<EventDetail, 'kb'>, info: KbRuleInfo | undefined): string[] {
  if (!detail.kb) return [];
  if (!info) return [`Knowledge base: matched rule ${detail.kb.rule} (no longer in force)`];
  const { rule } = info;
  const lines = [`Knowledge base: ${VERDICT_LABELS[rule.verdict]}${detail.kb.hidden ? ' (hidden)' : ''} — ${kbReason(rule, detail.kb.flag)}`];
  if (rule.explanation) lines.push(rule.explanation);
  for (const reference of rule.references) lines.push(`Reference: ${reference.label}${reference.url ? ` ${reference.url}` : ''}`);
  lines.push(`Rule: ${rule.id}`);
  return lines;
}

/** Label: value lines with the values of multi-line fields indented, so a ticket reads cleanly. */
function labelled(label: string, value: string): string {
  return `${label}: ${value.replace(/\r?\n/g, '\n    ')}`;
}

/** A plain-text summary of everything the pane shows, for pasting into a ticket or mail. */
export function detailSummary(detail: EventDetail, info?: KbRuleInfo, offsetMinutes?: number): string {
  const sections: string[] = [detailFields(detail, offsetMinutes).map(([label, value]) => labelled(label, value)).join('\n')];
  if (detail.unparsedReason) sections.push(`Not parsed: ${detail.unparsedReason}`);
  sections.push(`Message:\n${detail.message}`);
  const data = detailData(detail);
  if (data.length > 0) sections.push(`Data:\n${data.map(([name, value]) => `  ${labelled(name, value)}`).join('\n')}`);
  const kb = kbLines(detail, info);
  if (kb.length > 0) sections.push(kb.join('\n'));
  if (detail.bookmark !== null) sections.push(detail.bookmark === '' ? 'Bookmarked' : labelled('Bookmark', detail.bookmark));
  // Plain-text logs' raw text is the message again; only say it when it adds something (record XML, CSV row).
  if (detail.raw !== '' && detail.raw.trim() !== detail.message.trim()) sections.push(`Raw:\n${detail.raw}`);
  return `${sections.join('\n\n')}\n`;
}
