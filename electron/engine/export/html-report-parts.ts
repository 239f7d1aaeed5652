/**
 * Pieces of the HTML triage report: escaping, the style sheet, the summary, the timeline picture
 * and the knowledge-base section. Everything here returns markup in which every piece of log
 * content and rule text has been escaped; nothing produces a script, an event handler, a link or
 * a reference to anything outside the file.
 */
import { VERDICT_LABELS, type KbRule } from '../../../shared/kb/rule-schema';
import type { EventQuery } from '../../../shared/model/query';
import { SEVERITIES, SEVERITY_ICONS, SEVERITY_LABELS, SEVERITY_PALETTE, type Severity } from '../../../shared/model/severity';
import { visibleText } from '../../../shared/text/visible-text';
import type { ExportSummary } from './export-writer';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '=': '&#61;' };

/**
 * Text as HTML (element content or a quoted attribute value): & < > " ' escaped, and = too, so that
 * not even the text of a hostile entry reads like an attribute (`onerror=`, `href=`) to a scanner.
 * Characters that change what is shown without being seen (controls, bidi overrides, zero-width
 * characters) are shown as markers (␛, ␀, ⟨U+202E⟩), as in the app: a report is for reading.
 */
export function escapeHtml(text: string): string {
  return visibleText(text).replace(/[&<>"'=]/g, (char) => ESCAPES[char]!);
}

/**
 * Characters of one cell the report holds. Chromium lays out a long unbroken run in a wrapping
 * table cell in time that grows faster than its length (about a second at 10,000 characters, eight
 * at 32,767, and a 10 MB log line never finishes loading), and nobody reads that much of one entry
 * in a report; CSV and JSON lines keep the whole text.
 */
export const REPORT_CELL_LIMIT = 10_000;

/** A cell's text, cut at REPORT_CELL_LIMIT with a note that says how much is left out and where to find it. */
export function reportCellText(text: string): string {
  if (text.length <= REPORT_CELL_LIMIT) return text;
  let cut = REPORT_CELL_LIMIT;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // do not split a surrogate pair
  return `${text.slice(0, cut)} … [cut: ${formatCount(text.length - cut)} more characters; export CSV or JSON lines for the whole text]`;
}

/** `2025-03-14 08:02:00.000` (UTC; the column header says so); '' for no or an impossible time. */
export function formatTime(time: number | null, milliseconds = true): string {
  if (time === null || !Number.isFinite(new Date(time).getTime())) return '';
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, milliseconds ? 23 : 19)}`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** The level as the report shows it: the icon and the word, never colour alone. */
export function levelMarkup(severity: Severity, label: string = SEVERITY_LABELS[severity]): string {
  return `<span class="lvl"><span class="icon" aria-hidden="true">${escapeHtml(SEVERITY_ICONS[severity])}</span> ${escapeHtml(label)}</span>`;
}

/** The style sheet: the palette's light colours per severity, and a layout that prints. */
export function styleSheet(): string {
  const severities = SEVERITIES.map((severity) => {
    const { background, accent } = SEVERITY_PALETTE.light[severity];
    return `.sev-${severity}>td{background:${background}}.sev-${severity} .lvl,.swatch-${severity}{color:${accent}}.bar-${severity}{fill:${accent}}`;
  }).join('\n');
  return `
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 "Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;color:#1f2328;background:#fff}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:20px 0 4px}
.made{color:#57606a;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:32px;align-items:flex-start}
table{border-collapse:collapse}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f4;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.entries{width:100%;font-size:12.5px}
.entries thead th{position:sticky;top:0}
.entries td{white-space:nowrap}
.entries td.c-message,.entries td.c-kb,.entries td.c-file{white-space:pre-wrap;overflow-wrap:anywhere;min-width:18em}
.entries td.c-bookmark{white-space:pre-wrap;overflow-wrap:anywhere}
.entries td.c-message{min-width:32em}
.entries tr.kb-hidden>td{color:#57606a;font-style:italic}
.lvl{font-weight:600}
.icon{display:inline-block;min-width:1.1em;text-align:center}
.timeline{display:block;max-width:100%;height:auto}
.timeline text{font:11px "Segoe UI",system-ui,Arial,sans-serif;fill:#57606a}
.legend{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:16px}
.rule{border-left:4px solid #d0d7de;padding:2px 0 2px 12px;margin:12px 0}
.rule .meta{color:#57606a;margin:2px 0}
.rule .explanation{white-space:pre-wrap;margin:6px 0}
.rule .refs{margin:4px 0;padding-left:20px}
.url{font-family:Consolas,"Cascadia Mono",Menlo,monospace;font-size:12px;overflow-wrap:anywhere}
code{font-family:Consolas,"Cascadia Mono",Menlo,monospace;font-size:12px}
.none{color:#57606a;font-style:italic}
@media print{body{padding:0}.entries thead th{position:static}}
${severities}
`;
}

/** The filters, the counts by severity and by source. */
export function summaryMarkup(summary: ExportSummary): string {
  const filters =
    summary.filters.length === 0
      ? '<p class="none">None: every entry.</p>'
      : `<ul class="filters">${summary.filters.map((filter) => `<li>${escapeHtml(filter)}</li>`).join('')}</ul>`;

  const severities = SEVERITIES.filter((severity) => (summary.bySeverity[severity] ?? 0) > 0);
  const bySeverity =
    severities.length === 0
      ? '<p class="none">No entries.</p>'
      : `<table class="by-severity"><thead><tr><th>Level</th><th class="num">Entries</th></tr></thead><tbody>${severities
          .map((severity) => `<tr class="sev-${severity}"><td>${levelMarkup(severity)}</td><td class="num">${formatCount(summary.bySeverity[severity]!)}</td></tr>`)
          .join('')}</tbody><tfoot><tr><th>Total</th><th class="num">${formatCount(summary.rows)}</th></tr></tfoot></table>`;

  const bySource =
    summary.bySource.length === 0
      ? '<p class="none">No files.</p>'
      : `<table class="by-source"><thead><tr><th>File</th><th class="num">Entries</th></tr></thead><tbody>${summary.bySource
          .map((source) => `<tr><td>${escapeHtml(source.file)}</td><td class="num">${formatCount(source.rows)}</td></tr>`)
          .join('')}</tbody></table>`;

  return `<section id="filters"><h2>Filters</h2>${filters}</section>
<section id="counts"><h2>Counts</h2><div class="cards"><div><h3>By severity</h3>${bySeverity}</div><div><h3>By source</h3>${bySource}</div></div></section>
`;
}

const CHART = { width: 960, height: 220, left: 56, right: 16, top: 12, bottom: 40 };

/** The timeline: one bar per bucket, stacked by severity (most urgent at the bottom), as inline SVG. */
export function timelineMarkup(timeline: ExportSummary['timeline']): string {
  if (timeline.length === 0) return '<section id="timeline"><h2>Timeline</h2><p class="none">No entry has a time.</p></section>\n';
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const totals = timeline.map((bucket) => SEVERITIES.reduce((sum, severity) => sum + (bucket.counts[severity] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = plotWidth / timeline.length;
  const barWidth = Math.max(1, slot * (timeline.length > 60 ? 1 : 0.8));
  const baseline = CHART.top + plotHeight;
  const number = (value: number): string => String(Math.round(value * 100) / 100);
  const present = new Set<Severity>();

  const bars = timeline
    .map((bucket, i) => {
      const x = CHART.left + i * slot + (slot - barWidth) / 2;
      let y = baseline;
      const when = `${formatTime(bucket.start, false)} – ${formatTime(bucket.end, false)} UTC`;
      const rects = SEVERITIES.map((severity) => {
        const count = bucket.counts[severity] ?? 0;
        if (count <= 0) return '';
        present.add(severity);
        const height = (count / max) * plotHeight;
        y -= height;
        return `<rect class="bar-${severity}" x="${number(x)}" y="${number(y)}" width="${number(barWidth)}" height="${number(height)}"><title>${escapeHtml(`${when}: ${formatCount(count)} ${SEVERITY_LABELS[severity]}`)}</title></rect>`;
      }).join('');
      return rects ? `<g>${rects}</g>` : '';
    })
    .join('');

  const first = timeline[0]!;
  const last = timeline[timeline.length - 1]!;
  const axis =
    `<line x1="${CHART.left}" y1="${baseline}" x2="${CHART.width - CHART.right}" y2="${baseline}" stroke="#8c959f"/>` +
    `<line x1="${CHART.left}" y1="${CHART.top}" x2="${CHART.left}" y2="${baseline}" stroke="#8c959f"/>` +
    `<text x="${CHART.left - 6}" y="${CHART.top + 10}" text-anchor="end">${formatCount(max)}</text>` +
    `<text x="${CHART.left - 6}" y="${baseline}" text-anchor="end">0</text>` +
    `<text x="${CHART.left}" y="${baseline + 18}" text-anchor="start">${escapeHtml(formatTime(first.start, false))} UTC</text>` +
    `<text x="${CHART.width - CHART.right}" y="${baseline + 18}" text-anchor="end">${escapeHtml(formatTime(last.end, false))} UTC</text>`;
  const label = `Entries over time, ${formatTime(first.start, false)} to ${formatTime(last.end, false)} UTC, ${timeline.length} intervals, at most ${formatCount(max)} entries per interval`;
  const legend = SEVERITIES.filter((severity) => present.has(severity))
    .map((severity) => `<li><span class="swatch-${severity}" aria-hidden="true">■</span> ${levelMarkup(severity)}</li>`)
    .join('');
  return `<section id="timeline"><h2>Timeline</h2>
<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART.width} ${CHART.height}" width="${CHART.width}" height="${CHART.height}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${axis}${bars}</svg>
<ul class="legend">${legend}</ul></section>
`;
}

function ruleMarkup(rule: KbRule, count: number): string {
  const references =
    rule.references.length === 0
      ? ''
      : `<p class="meta">References:</p><ul class="refs">${rule.references
          .map((reference) => `<li>${escapeHtml(reference.label)}${reference.url ? ` — <span class="url">${escapeHtml(reference.url)}</span>` : ''}</li>`)
          .join('')}</ul>`;
  const products = rule.products.length === 0 ? '' : `<p class="meta">Applies to: ${escapeHtml(rule.products.join(', '))}</p>`;
  return `<article class="rule"><h3>${escapeHtml(rule.title)}</h3>
<p class="meta"><strong>${escapeHtml(VERDICT_LABELS[rule.verdict])}</strong> · <span class="count">${formatCount(count)}</span> ${count === 1 ? 'entry' : 'entries'} hidden · rule <code>${escapeHtml(rule.id)}</code></p>
<p class="explanation">${escapeHtml(rule.explanation)}</p>${products}${references}</article>
`;
}

/** What the knowledge base hid under the view's filters, rule by rule, with why. */
export function hiddenMarkup(summary: ExportSummary, query: EventQuery): string {
  if (summary.hiddenByRule.length === 0) {
    return '<section id="hidden"><h2>Hidden by the knowledge base</h2><p class="none">The knowledge base hid nothing under these filters.</p></section>\n';
  }
  const total = summary.hiddenByRule.reduce((sum, { count }) => sum + count, 0);
  const where = query.showHidden
    ? 'They are included in the table above, in grey, with the rule in the KB column.'
    : 'They are not in the table above.';
  return `<section id="hidden"><h2>Hidden by the knowledge base</h2>
<p>${formatCount(total)} ${total === 1 ? 'entry matches' : 'entries match'} the filters but the rules below hide ${total === 1 ? 'it' : 'them'} as known. ${where}</p>
${summary.hiddenByRule.map(({ rule, count }) => ruleMarkup(rule, count)).join('')}</section>
`;
}
