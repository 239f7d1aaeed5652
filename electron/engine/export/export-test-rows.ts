/**
 * Test data for the export writers: a few realistic Exchange/Windows entries, hostile content,
 * an unparsed line, KB-classified entries, and the summary the store would work out for them.
 */
import { parseRule, type KbRule } from '../../../shared/kb/rule-schema';
import { EXPORT_COLUMNS, type ExportColumn } from '../../../shared/model/export';
import { kbReason } from '../../../shared/model/kb';
import { SEVERITIES, type Severity } from '../../../shared/model/severity';
import type { ExportContext, ExportRow, ExportSummary } from './export-writer';

/** Log content that must never become markup. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  link: '<a href="javascript:alert(1)">click</a>',
  quote: "O'Brien & \"Sons\"",
} as const;

/** A message with Windows line breaks, a tab, accents, CJK, an emoji and a surrogate pair. */
export const MULTILINE_MESSAGE =
  'The Microsoft Exchange Transport service could not connect to "EXCH02".\r\nDetails:\r\n\tRemote host: 10.0.0.12:25 — Zeitüberschreitung\r\n\t接続がリセットされました 🚀 naïve café';

export const RULES: { topology: KbRule; reset: KbRule } = {
  topology: parseRule({
    id: 'exchange-adaccess-2080-topology',
    title: 'MSExchange ADAccess 2080: topology discovery <routine> & "healthy"',
    match: { providers: 'MSExchange ADAccess', eventIds: 2080 },
    verdict: 'benign',
    hide: true,
    explanation: "Exchange logs its view of the domain controllers every 15 minutes.\nIt's informational: <b>nothing to do</b>.",
    references: [
      { label: 'Microsoft Learn: Event ID 2080', url: 'https://learn.microsoft.com/exchange/event-2080?view=exchserver-2019&tabs=a' },
      { label: 'Internal runbook <RB-7>' },
    ],
    products: ['Exchange 2016', 'Exchange 2019'],
    burst: { max: 100, minutes: 60 },
  }),
  reset: parseRule({
    id: 'exchange-smtp-1035-reset',
    title: 'SMTP receive: connection reset by remote host',
    match: { providers: 'MSExchangeFrontEndTransport', eventIds: 1035 },
    verdict: 'noise',
    hide: true,
    explanation: 'Remote servers and load-balancer probes drop SMTP sessions without QUIT; harmless unless it comes in floods.',
    references: [{ label: 'KB Q169143', url: 'https://support.example.com/kb/169143' }],
  }),
};

const BASE_TIME = Date.UTC(2025, 2, 14, 8, 2, 0, 123);

function row(fields: Partial<ExportRow> & Pick<ExportRow, 'id' | 'level' | 'message'>): ExportRow {
  return {
    sourceId: 1,
    time: BASE_TIME + fields.id * 61_000,
    provider: null,
    eventId: null,
    category: null,
    computer: 'EXCH01.contoso.local',
    user: null,
    unparsed: false,
    kb: null,
    bookmark: null,
    channel: 'Application',
    recordId: 100_000 + fields.id,
    data: null,
    raw: fields.message,
    line: fields.id * 3 + 2,
    file: 'C:\\Logs\\EXCH01\\Application.csv',
    format: 'eventviewer-csv',
    unparsedReason: null,
    kbReason: null,
    ...fields,
  };
}

/** The rows in the view's order. */
export function exportTestRows(): ExportRow[] {
  return [
    row({ id: 1, level: 'error', provider: 'MSExchangeTransport', eventId: 1020, category: 'SmtpSend', message: MULTILINE_MESSAGE, user: 'CONTOSO\\svc-exchange' }),
    row({
      id: 2,
      level: 'warning',
      provider: HOSTILE.script,
      eventId: 4999,
      category: HOSTILE.quote,
      user: HOSTILE.attribute,
      message: `Watson report: ${HOSTILE.attribute} then ${HOSTILE.script} and ${HOSTILE.link}`,
      file: 'C:\\Logs\\<evil>&"odd\'.evtx',
      format: 'evtx',
      channel: 'Application',
    }),
    row({ id: 3, level: 'unknown', time: null, unparsed: true, unparsedReason: 'no timestamp at the start of the line', message: '?? garbled line 0x1f 0x00 — not an event', eventId: null, recordId: null, channel: null, computer: null, format: 'text', file: '/var/log/exchange/trace.log' }),
    row({
      id: 4,
      level: 'information',
      provider: 'MSExchange ADAccess',
      eventId: 2080,
      category: 'Topology',
      message: 'Process MSExchangeTransport.exe (PID=4120). Exchange Active Directory Provider has discovered the following servers with the following characteristics.',
      kb: { rule: RULES.topology.id, verdict: 'benign', hidden: false, flag: 'volume' },
      kbReason: kbReason(RULES.topology, 'volume'),
    }),
    row({
      id: 5,
      level: 'information',
      provider: 'MSExchangeFrontEndTransport',
      eventId: 1035,
      category: 'SmtpReceive',
      message: 'Inbound connection from 203.0.113.7 was reset.',
      kb: { rule: RULES.reset.id, verdict: 'noise', hidden: true, flag: null },
      kbReason: kbReason(RULES.reset, null),
    }),
    row({ id: 6, level: 'critical', provider: 'Microsoft-Windows-Kernel-Power', eventId: 41, category: '(63)', message: 'The system has rebooted without cleanly shutting down first.', channel: 'System', user: 'NT AUTHORITY\\SYSTEM' }),
    row({ id: 7, level: 'audit-failure', provider: 'Microsoft-Windows-Security-Auditing', eventId: 4625, category: 'Logon', message: 'An account failed to log on.\n\nAccount Name:\tadministrator', channel: 'Security' }),
    row({ id: 8, level: 'error', provider: 'MSExchange Common', eventId: 4999, category: 'General', message: 'Watson report about to be sent for process id: 10284.', recordId: 100_008 }),
  ];
}

/** Counts per severity of `rows`, as the store works them out. */
export function countBySeverity(rows: readonly ExportRow[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const { level } of rows) counts[level] = (counts[level] ?? 0) + 1;
  return counts;
}

export function exportTestSummary(rows: readonly ExportRow[] = exportTestRows()): ExportSummary {
  const bySource = new Map<string, number>();
  for (const { file } of rows) bySource.set(file, (bySource.get(file) ?? 0) + 1);
  const hour = 3_600_000;
  const start = Date.UTC(2025, 2, 14, 8);
  return {
    rows: rows.length,
    filters: ['Search: EXCH01', 'Levels: Critical, Error, Warning, Information, Unknown', 'Entries the knowledge base hides: included'],
    bySeverity: countBySeverity(rows),
    bySource: [...bySource].map(([file, count]) => ({ file, rows: count })),
    hiddenByRule: [
      { rule: RULES.topology, count: 1234 },
      { rule: RULES.reset, count: 7 },
    ],
    timeline: [
      { start, end: start + hour, counts: { error: 2, warning: 1, information: 2, critical: 1 } },
      { start: start + hour, end: start + 2 * hour, counts: {} },
      { start: start + 2 * hour, end: start + 3 * hour, counts: { 'audit-failure': 1, error: 1 } },
    ],
    createdAt: Date.UTC(2025, 2, 15, 10, 30, 0),
  };
}

export function exportTestContext(rows: readonly ExportRow[] = exportTestRows(), columns: ExportColumn[] = [...EXPORT_COLUMNS]): ExportContext {
  return { columns, query: { showHidden: true }, summary: exportTestSummary(rows), bom: false };
}

/** `count` plain rows for volume tests (cycling through the severities). */
export function manyExportRows(count: number, from = 0): ExportRow[] {
  const rows: ExportRow[] = [];
  for (let i = from; i < from + count; i++) {
    rows.push(
      row({
        id: i,
        level: SEVERITIES[i % SEVERITIES.length]!,
        provider: 'MSExchangeIS',
        eventId: 9000 + (i % 500),
        category: 'General',
        message: `Entry ${i}: the store driver processed a message for mailbox database DB${i % 12}.`,
        time: BASE_TIME + i * 1000,
        recordId: i,
      }),
    );
  }
  return rows;
}
