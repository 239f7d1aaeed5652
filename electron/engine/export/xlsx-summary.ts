/**
 * The xlsx export's Summary sheet: when it was made, the filters, the counts by severity and by
 * file, and what the knowledge base hid and why. Free text here (filters, file names, rules
 * drafted from log entries) is neutralised like the entries' text (spreadsheet-text.ts).
 */
import type ExcelJS from 'exceljs';
import { VERDICT_LABELS } from '../../../shared/kb/rule-schema';
import { SEVERITIES, SEVERITY_ICONS, SEVERITY_LABELS, SEVERITY_PALETTE } from '../../../shared/model/severity';
import type { ExportContext, ExportSummary } from './export-writer';
import { neutraliseFormula } from './spreadsheet-text';
import { argb, excelText, HEADER_FILL, severityFill } from './xlsx-cells';

/** Free text of the summary (filters, file names, rules drafted from entries) as a safe text cell. */
function summaryText(text: string): string {
  return excelText(neutraliseFormula(text));
}

function heading(sheet: ExcelJS.Worksheet, text: string): void {
  sheet.addRow([]).commit();
  const row = sheet.addRow([text]);
  row.getCell(1).font = { bold: true, size: 13 };
  row.commit();
}

function tableHeader(sheet: ExcelJS.Worksheet, labels: string[]): void {
  const row = sheet.addRow(labels);
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  row.commit();
}

export function writeSummary(sheet: ExcelJS.Worksheet, context: ExportContext): void {
  const summary: ExportSummary = context.summary;
  sheet.columns = [{ width: 56 }, { width: 16 }, { width: 16 }, { width: 80 }, { width: 70 }];

  const title = sheet.addRow(['Logsift export']);
  title.getCell(1).font = { bold: true, size: 16 };
  title.commit();
  const made = sheet.addRow(['Made (UTC)', new Date(summary.createdAt)]);
  made.getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  made.getCell(2).alignment = { horizontal: 'left' };
  made.commit();
  sheet.addRow(['Rows', summary.rows]).commit();
  sheet.addRow(['Hidden entries', context.query.showHidden ? 'included (shown greyed in Logsift)' : 'left out']).commit();

  heading(sheet, 'Filters');
  if (summary.filters.length === 0) sheet.addRow(['None: every entry']).commit();
  for (const filter of summary.filters) sheet.addRow([summaryText(filter)]).commit();

  heading(sheet, 'By severity');
  tableHeader(sheet, ['Level', 'Rows']);
  for (const severity of SEVERITIES) {
    const count = summary.bySeverity[severity];
    if (!count) continue;
    const row = sheet.addRow([`${SEVERITY_ICONS[severity]} ${SEVERITY_LABELS[severity]}`, count]);
    const fill = severityFill(severity);
    row.getCell(1).font = { color: { argb: argb(SEVERITY_PALETTE.light[severity].accent) } };
    if (fill) {
      row.getCell(1).fill = fill;
      row.getCell(2).fill = fill;
    }
    row.commit();
  }

  heading(sheet, 'By source');
  tableHeader(sheet, ['File', 'Rows']);
  for (const source of summary.bySource) sheet.addRow([summaryText(source.file), source.rows]).commit();

  heading(sheet, 'Hidden by the knowledge base');
  if (summary.hiddenByRule.length === 0) sheet.addRow(['The knowledge base hid nothing under these filters.']).commit();
  else {
    tableHeader(sheet, ['Rule', 'Hidden entries', 'Verdict', 'Explanation', 'References']);
    for (const { rule, count } of summary.hiddenByRule) {
      const references = rule.references.map((reference) => (reference.url ? `${reference.label} — ${reference.url}` : reference.label)).join('\n');
      const row = sheet.addRow([summaryText(rule.title), count, VERDICT_LABELS[rule.verdict], summaryText(rule.explanation), summaryText(references)]);
      row.alignment = { vertical: 'top', wrapText: true };
      row.commit();
    }
  }
  sheet.commit();
}
