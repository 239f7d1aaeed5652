/**
 * The HTML triage report: one self-contained file that any browser shows offline, with no script
 * at all — inline CSS, the timeline as inline SVG, a Content-Security-Policy that forbids anything
 * else, and every piece of log content and rule text escaped (log content is hostile).
 *
 * begin() writes everything up to the table body (title, filters, counts, timeline, the table's
 * header), rows() writes the table rows as they come, end() closes the table and adds what the
 * knowledge base hid.
 */
import type { Writable } from 'node:stream';
import { EXPORT_COLUMN_LABELS } from '../../../shared/model/export';
import { cellText } from './export-cells';
import { write, type ExportContext, type ExportRow, type ExportWriter } from './export-writer';
import { escapeHtml, formatCount, formatTime, hiddenMarkup, levelMarkup, reportCellText, styleSheet, summaryMarkup, timelineMarkup } from './html-report-parts';

/** No script, no plugin, no network, no frames, no forms, no base URL: styles and data: images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const REPORT_TITLE = 'Logsift triage report';

function head(context: ExportContext): string {
  const { summary } = context;
  const made = `${formatTime(summary.createdAt, false)} UTC`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Logsift">
<title>${escapeHtml(`${REPORT_TITLE} — ${made}`)}</title>
<style>${styleSheet()}</style>
</head>
<body>
<header><h1>${REPORT_TITLE}</h1>
<p class="made">Made <time datetime="${escapeHtml(new Date(summary.createdAt).toISOString())}">${escapeHtml(made)}</time> · ${formatCount(summary.rows)} ${summary.rows === 1 ? 'entry' : 'entries'}</p></header>
`;
}

function tableStart(context: ExportContext): string {
  const headers = context.columns
    .map((column) => `<th scope="col" class="c-${column}">${escapeHtml(column === 'time' ? `${EXPORT_COLUMN_LABELS.time} (UTC)` : EXPORT_COLUMN_LABELS[column])}</th>`)
    .join('');
  return `<section id="entries"><h2>Entries</h2>
<table class="entries"><thead><tr>${headers}</tr></thead>
<tbody>
`;
}

function rowMarkup(row: ExportRow, context: ExportContext): string {
  const cells = context.columns
    .map((column) => {
      if (column === 'level') return `<td class="c-level">${levelMarkup(row.level, cellText(row, 'level'))}</td>`;
      const text = column === 'time' ? formatTime(row.time) : cellText(row, column);
      const numeric = column === 'eventId' || column === 'recordId' || column === 'line';
      return `<td class="c-${column}${numeric ? ' num' : ''}">${escapeHtml(reportCellText(text))}</td>`;
    })
    .join('');
  const classes = `sev-${row.level}${row.unparsed ? ' unparsed' : ''}${row.kb?.hidden ? ' kb-hidden' : ''}`;
  return `<tr class="${classes}">${cells}</tr>\n`;
}

class HtmlWriter implements ExportWriter {
  private out: Writable | null = null;
  private context: ExportContext | null = null;
  private written = 0;
  /** The first error of `out`; every later call reports it instead of writing to a dead stream. */
  private failure: Error | null = null;
  private readonly onError = (error: Error): void => {
    this.failure ??= error;
  };

  async begin(out: Writable, context: ExportContext): Promise<void> {
    this.out = out;
    this.context = context;
    out.on('error', this.onError);
    await this.send(head(context) + summaryMarkup(context.summary) + timelineMarkup(context.summary.timeline) + tableStart(context));
  }

  async rows(rows: readonly ExportRow[]): Promise<void> {
    const { context } = this;
    if (!context) throw new Error('HTML export: rows() before begin()');
    let text = '';
    for (const row of rows) {
      text += rowMarkup(row, context);
      if (text.length > 256 * 1024) {
        await this.send(text);
        text = '';
      }
    }
    if (text) await this.send(text);
    this.written += rows.length;
  }

  async end(): Promise<void> {
    const { context } = this;
    if (!context) throw new Error('HTML export: end() before begin()');
    const empty = this.written === 0 ? `<tr><td colspan="${Math.max(1, context.columns.length)}" class="none">No entries.</td></tr>\n` : '';
    try {
      await this.send(`${empty}</tbody></table></section>
${hiddenMarkup(context.summary, context.query)}<footer><p class="made">Made by Logsift. Times are UTC. This file has no scripts and loads nothing from the network.</p></footer>
</body>
</html>
`);
    } finally {
      this.out?.off('error', this.onError);
      this.out = null;
    }
  }

  private async send(text: string): Promise<void> {
    const { out } = this;
    if (!out) throw new Error('HTML export: write before begin() or after end()');
    if (this.failure) throw this.failure;
    // A destroyed stream never drains: fail instead of waiting for ever.
    if (out.destroyed || out.writableEnded) throw out.errored ?? new Error('The output stream was closed');
    await write(out, text);
  }
}

/** The HTML triage report (one self-contained, script-free file). */
export function htmlWriter(): ExportWriter {
  return new HtmlWriter();
}
