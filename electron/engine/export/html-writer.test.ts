import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMN_LABELS, EXPORT_COLUMNS, type ExportColumn } from '../../../shared/model/export';
import { SEVERITY_ICONS, SEVERITY_PALETTE } from '../../../shared/model/severity';
import { exportTestContext, exportTestRows, HOSTILE, manyExportRows, MULTILINE_MESSAGE, RULES } from './export-test-rows';
import type { ExportContext, ExportRow } from './export-writer';
import { escapeHtml, REPORT_CELL_LIMIT, reportCellText } from './html-report-parts';
import { htmlWriter, REPORT_CSP } from './html-writer';

/** Collects what a writer writes, with a small buffer so that back-pressure is exercised. */
class Collector extends Writable {
  readonly chunks: string[] = [];
  constructor() {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    setImmediate(callback);
  }
  get text(): string {
    return this.chunks.join('');
  }
}

async function report(context: ExportContext, batches: readonly (readonly ExportRow[])[]): Promise<string> {
  const out = new Collector();
  const writer = htmlWriter();
  await writer.begin(out, context);
  for (const batch of batches) await writer.rows(batch);
  await writer.end();
  await new Promise<void>((resolve) => out.end(resolve));
  return out.text;
}

/** Every tag of the document (escaped text holds no `<`, so these are all real markup). */
const tags = (html: string): string[] => html.match(/<[^>]*>/g) ?? [];
const section = (html: string, id: string): string => html.slice(html.indexOf(`<section id="${id}">`), html.indexOf('</section>', html.indexOf(`<section id="${id}">`)));
const tbody = (html: string): string => html.slice(html.indexOf('<tbody>', html.indexOf('<table class="entries">')), html.indexOf('</tbody>', html.indexOf('<table class="entries">')));

describe('HTML report', () => {
  const rows = exportTestRows();
  const context = exportTestContext(rows);
  let html: string;

  beforeAll(async () => {
    html = await report(context, [rows.slice(0, 2), rows.slice(2, 5), rows.slice(5)]);
  });

  it('is one complete document with a title, the time it was made and a strict CSP', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:`);
    expect(html).toMatch(/<title>Logsift triage report — 2025-03-15 10:30:00 UTC<\/title>/);
    expect(html).toContain('<h1>Logsift triage report</h1>');
  });

  it('has no script, no event handler, no link and nothing loaded from elsewhere', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href=/i);
    expect(html).not.toMatch(/\son\w+=/i);
    for (const tag of tags(html)) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/\b(href|src|srcset|action|formaction|xlink:href)\s*=/i);
    }
    expect(html).not.toMatch(/<(iframe|object|embed|link|img|base|form|meta http-equiv="refresh")/i);
    expect(html).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg")[^\s<]*(?=")/i);
  });

  it('shows hostile log content only escaped', () => {
    for (const hostile of Object.values(HOSTILE)) {
      expect(html).toContain(escapeHtml(hostile));
    }
    expect(html).not.toContain(HOSTILE.script);
    expect(html).not.toContain(HOSTILE.attribute);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<a ');
    expect(escapeHtml(`<>&"'=`)).toBe('&lt;&gt;&amp;&quot;&#39;&#61;');
    expect(html).toContain(escapeHtml(rows[1]!.file));
  });

  it('shows controls, bidi overrides and zero-width characters as markers, never raw', async () => {
    const spoof = { ...rows[0]!, provider: 'invoice\u202Efdp.exe', message: '\u001b[31mred\u001b[0m before\u0000after ad\u200Bmin \u2066x\u2069', user: `\u202E<img src=x onerror=alert(1)>` };
    const body = tbody(await report(exportTestContext([spoof]), [[spoof]]));
    expect(body).toContain('invoice⟨U+202E⟩fdp.exe');
    expect(body).toContain('␛[31mred␛[0m before␀after ad⟨U+200B⟩min ⟨U+2066⟩x⟨U+2069⟩');
    expect(body).toContain('⟨U+202E⟩&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2066-\u2069]/);
  });

  it('cuts a huge cell with a note, so the report still opens (a 10 MB line would hang the browser)', async () => {
    const huge = { ...rows[0]!, message: `start ${'A'.repeat(10 * 1024 * 1024)} end` };
    const body = tbody(await report(exportTestContext([huge], ['message']), [[huge]]));
    expect(body.length).toBeLessThan(REPORT_CELL_LIMIT + 200);
    expect(body).toContain(`<td class="c-message">start ${'A'.repeat(REPORT_CELL_LIMIT - 6)} … [cut: ${(huge.message.length - REPORT_CELL_LIMIT).toLocaleString('en-US')} more characters; export CSV or JSON lines for the whole text]</td>`);
    expect(reportCellText('short')).toBe('short');
    expect(reportCellText(`${'x'.repeat(REPORT_CELL_LIMIT - 1)}🚀`)).toMatch(/x … \[cut: 2 more/); // not half a surrogate pair
  });

  it('allows no script, frame, form, base URL or network load in its CSP', () => {
    const policy = Object.fromEntries(REPORT_CSP.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    expect(policy['default-src']).toBe("'none'");
    expect(policy['script-src']).toBeUndefined(); // so default-src 'none' applies
    expect(policy['style-src']).toBe("'unsafe-inline'");
    expect(policy['img-src']).toBe('data:');
    expect(policy['base-uri']).toBe("'none'");
    expect(policy['form-action']).toBe("'none'");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    // The policy comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('writes the table with the context’s columns, every row in order', () => {
    const start = html.indexOf('<table class="entries">');
    const header = html.slice(start, html.indexOf('</thead>', start));
    const labels = [...header.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((match) => match[1]);
    expect(labels).toEqual(EXPORT_COLUMNS.map((column) => (column === 'time' ? 'Time (UTC)' : EXPORT_COLUMN_LABELS[column])));
    const body = tbody(html);
    expect(body.match(/<tr /g)).toHaveLength(rows.length);
    const positions = rows.map((row) => body.indexOf(`<td class="c-recordId num">${row.recordId ?? ''}</td>`));
    const unparsed = body.indexOf('Unparsed');
    positions[2] = unparsed;
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps a message’s line breaks and unicode, and marks the level with icon and word', () => {
    const body = tbody(html);
    expect(body).toContain(escapeHtml(MULTILINE_MESSAGE));
    expect(body).toContain('接続がリセットされました 🚀');
    expect(body).toContain('<td class="c-time">2025-03-14 08:03:01.123</td>');
    expect(body).toContain(`<span class="icon" aria-hidden="true">${SEVERITY_ICONS.error}</span> Error`);
    expect(body).toMatch(/<tr class="sev-unknown unparsed">.*Unparsed/);
    expect(body).toMatch(/<tr class="sev-information kb-hidden">/);
    expect(body).toContain(escapeHtml(`Known benign: ${RULES.topology.title} — shown: unusual volume`));
  });

  it('writes only the columns asked for', async () => {
    const columns: ExportColumn[] = ['level', 'message'];
    const text = await report(exportTestContext(rows, columns), [rows]);
    expect(text.match(/<th scope="col"/g)).toHaveLength(2);
    expect(tbody(text)).not.toContain('c-time');
    expect(tbody(text).match(/<td /g)).toHaveLength(rows.length * 2);
  });

  it('counts by severity with icon and word, and by source', () => {
    const counts = section(html, 'counts');
    expect(counts).toMatch(new RegExp(`<tr class="sev-error"><td><span class="lvl"><span class="icon" aria-hidden="true">${SEVERITY_ICONS.error}</span> Error</span></td><td class="num">2</td></tr>`));
    expect(counts).toMatch(/> Critical<\/span><\/td><td class="num">1<\/td>/);
    expect(counts).toMatch(/> Information<\/span><\/td><td class="num">2<\/td>/);
    expect(counts).toMatch(/> Audit Failure<\/span><\/td><td class="num">1<\/td>/);
    expect(counts).not.toContain('Verbose');
    expect(counts).toMatch(/<th>Total<\/th><th class="num">8<\/th>/);
    expect(counts).toMatch(/C:\\Logs\\EXCH01\\Application\.csv<\/td><td class="num">6<\/td>/);
  });

  it('colours severities with the one palette', () => {
    const { background, accent } = SEVERITY_PALETTE.light.error;
    expect(html).toContain(`.sev-error>td{background:${background}}`);
    expect(html).toContain(`.sev-error .lvl,.swatch-error{color:${accent}}`);
    expect(html).toContain(`.bar-error{fill:${accent}}`);
  });

  it('draws the timeline as inline SVG with stacked bars and time labels', () => {
    const timeline = section(html, 'timeline');
    expect(timeline).toContain('<svg class="timeline" xmlns="http://www.w3.org/2000/svg"');
    expect(timeline.match(/<rect /g)).toHaveLength(6);
    expect(timeline.match(/<g>/g)).toHaveLength(2); // the empty hour has no bar
    expect(timeline).toContain('>2025-03-14 08:00:00 UTC</text>');
    expect(timeline).toContain('>2025-03-14 11:00:00 UTC</text>');
    expect(timeline).toContain('<title>2025-03-14 08:00:00 – 2025-03-14 09:00:00 UTC: 2 Error</title>');
    expect(timeline).toMatch(/<ul class="legend">.*Critical.*Error.*Warning.*Audit Failure.*Information/);
  });

  it('lists the filters', () => {
    expect(section(html, 'filters')).toContain('<li>Search: EXCH01</li>');
  });

  it('explains what the knowledge base hid, rule by rule, with plain-text references', () => {
    const hidden = section(html, 'hidden');
    expect(hidden).toContain('<h2>Hidden by the knowledge base</h2>');
    expect(hidden).toContain(`<h3>${escapeHtml(RULES.topology.title)}</h3>`);
    expect(hidden).toContain('<strong>Known benign</strong> · <span class="count">1,234</span> entries hidden');
    expect(hidden).toContain('<span class="count">7</span> entries hidden');
    expect(hidden).toContain(escapeHtml(RULES.topology.explanation));
    expect(hidden).toContain(escapeHtml(RULES.reset.explanation));
    expect(hidden).toContain(`${escapeHtml('Microsoft Learn: Event ID 2080')} — <span class="url">${escapeHtml(RULES.topology.references[0]!.url!)}</span>`);
    expect(hidden).toContain(escapeHtml('Internal runbook <RB-7>'));
    expect(hidden).toContain('Applies to: Exchange 2016, Exchange 2019');
    expect(hidden).toContain('1,241 entries match');
    expect(html.indexOf('<section id="hidden">')).toBeGreaterThan(html.indexOf('</table>'));
  });

  it('says so when nothing was hidden, no row has a time, and there are no rows', async () => {
    const empty = exportTestContext([]);
    empty.summary.hiddenByRule = [];
    empty.summary.timeline = [];
    const text = await report(empty, []);
    expect(text).toContain('The knowledge base hid nothing under these filters.');
    expect(text).toContain('No entry has a time.');
    expect(tbody(text)).toContain('No entries.');
    expect(text.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('streams rows as they come and stays whole across many batches', async () => {
    const many = manyExportRows(3000);
    const text = await report(exportTestContext(many), [many.slice(0, 1000), many.slice(1000, 2500), many.slice(2500)]);
    expect(tbody(text).match(/<tr /g)).toHaveLength(3000);
    expect(text.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('reports a failing output instead of hanging', async () => {
    const out = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        setImmediate(() => callback(new Error('disk full')));
      },
    });
    const writer = htmlWriter();
    const run = (async () => {
      await writer.begin(out, context);
      for (let i = 0; i < 5; i++) await writer.rows(rows);
      await writer.end();
    })();
    await expect(run).rejects.toThrow('disk full');
  });
});
