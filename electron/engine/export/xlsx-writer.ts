/**
 * The Excel workbook export: an "Entries" sheet with typed cells (real dates, numbers, text), the
 * header frozen and filterable and each row tinted by severity ("Entries 2"… when Excel's row
 * limit is reached), then a "Summary" sheet with the filters, the counts and what the knowledge
 * base hid and why.
 *
 * Rows go through exceljs's streaming writer and are committed as they come; the writer waits for
 * the zip and `out` to keep up, so memory stays flat however many rows the export has. `out` is
 * left open: the caller closes it.
 */
import type { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMN_LABELS, type ExportColumn } from '../../../shared/model/export';
import { SEVERITIES, SEVERITY_PALETTE, type Severity } from '../../../shared/model/severity';
import type { ExportContext, ExportRow, ExportWriter } from './export-writer';
import { argb, HEADER_FILL, severityFill, xlsxValue } from './xlsx-cells';
import { writeSummary } from './xlsx-summary';

/** Column widths in characters, wide enough for typical values without hiding the message. */
const WIDTHS: Readonly<Record<ExportColumn, number>> = {
  time: 24,
  level: 14,
  provider: 30,
  eventId: 10,
  category: 18,
  computer: 20,
  user: 22,
  message: 100,
  kb: 48,
  bookmark: 32,
  channel: 18,
  recordId: 12,
  file: 48,
  line: 10,
};

const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss.000';

interface RowStyles {
  plain: Partial<ExcelJS.Style>;
  time: Partial<ExcelJS.Style>;
  level: Partial<ExcelJS.Style>;
}

/**
 * The cell styles of a row per severity, made once: exceljs recognises a style object it has seen
 * and skips working it out again, which is most of the cost of a styled row.
 */
const ROW_STYLES: Readonly<Record<Severity, RowStyles>> = Object.fromEntries(
  SEVERITIES.map((severity): [Severity, RowStyles] => {
    const fill = severityFill(severity);
    const tint: Partial<ExcelJS.Style> = fill ? { fill } : {};
    const font: Partial<ExcelJS.Font> = { color: { argb: argb(SEVERITY_PALETTE.light[severity].accent) }, bold: severity === 'critical' || severity === 'error' };
    return [severity, { plain: tint, time: { ...tint, numFmt: TIME_FORMAT }, level: { ...tint, font } }];
  }),
) as Record<Severity, RowStyles>;

/** What drained() needs of a stream (Node's, or the readable-stream copy inside archiver). */
interface Drainable extends EventEmitter {
  destroyed?: boolean;
  errored?: Error | null;
}

/** Waits for `stream` to drain; fails when it errors or closes first (or already has). */
function drained(stream: Drainable): Promise<void> {
  if (stream.destroyed) return Promise.reject(stream.errored ?? new Error('The output stream was closed'));
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('drain', done);
      stream.off('error', fail);
      stream.off('close', closed);
    };
    const done = (): void => {
      cleanup();
      resolve();
    };
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const closed = (): void => fail(stream.errored ?? new Error('The output stream was closed'));
    stream.once('drain', done);
    stream.once('error', fail);
    stream.once('close', closed);
  });
}

/**
 * A stream that passes the zip's bytes on to `out`, waiting when `out` is full, and leaves `out`
 * open at the end (the caller closes it; exceljs would otherwise end it).
 */
function forwardTo(out: Writable): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback): void {
      if (out.destroyed) callback(out.errored ?? new Error('The output stream was closed'));
      else if (out.write(chunk)) callback();
      else drained(out).then(() => callback(), callback);
    },
    final(callback): void {
      callback();
    },
  });
}

/** Excel's last row is 1,048,576: a sheet holds the header and this many entries. */
export const XLSX_ROWS_PER_SHEET = 1_048_575;

export interface XlsxWriterOptions {
  /** Entries per sheet before the next "Entries 2", "Entries 3"… sheet (tests use a small one). */
  rowsPerSheet?: number;
}

class XlsxWriter implements ExportWriter {
  private workbook: ExcelJS.stream.xlsx.WorkbookWriter | null = null;
  private sheet: ExcelJS.Worksheet | null = null;
  private sheets = 0;
  /** Entries in the current sheet. */
  private sheetRows = 0;
  private sink: Writable | null = null;
  private out: Writable | null = null;
  private context: ExportContext | null = null;
  /** The first error of `out` or of the zip's way to it; every later call reports it. */
  private failure: Error | null = null;
  private readonly failed: Promise<never>;
  private rejectFailed: (error: Error) => void = () => {};
  private readonly onError = (error: Error): void => {
    if (this.failure) return;
    this.failure = error;
    this.rejectFailed(error);
  };

  constructor(private readonly rowsPerSheet: number) {
    this.failed = new Promise<never>((_resolve, reject) => {
      this.rejectFailed = reject;
    });
    this.failed.catch(() => {}); // reported by the call that meets it
  }

  async begin(out: Writable, context: ExportContext): Promise<void> {
    this.context = context;
    this.out = out;
    out.on('error', this.onError);
    this.sink = forwardTo(out);
    this.sink.on('error', this.onError);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.sink, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Logsift';
    workbook.lastModifiedBy = 'Logsift';
    workbook.created = new Date(context.summary.createdAt);
    workbook.modified = workbook.created;
    this.workbook = workbook;
    this.openSheet();
    await this.settle();
  }

  async rows(rows: readonly ExportRow[]): Promise<void> {
    const columns = this.context?.columns;
    if (!this.sheet || !columns) throw new Error('xlsx export: rows() before begin()');
    if (this.failure) throw this.failure;
    for (const [n, row] of rows.entries()) {
      if (n > 0 && n % SETTLE_EVERY === 0) await this.settle();
      if (this.sheetRows === this.rowsPerSheet) {
        this.closeSheet();
        this.openSheet();
      }
      const line = this.sheet.addRow(columns.map((column) => xlsxValue(row, column)));
      const styles = ROW_STYLES[row.level];
      columns.forEach((column, i) => {
        line.getCell(i + 1).style = column === 'time' ? styles.time : column === 'level' ? styles.level : styles.plain;
      });
      line.commit();
      this.sheetRows++;
    }
    await this.settle();
  }

  async end(): Promise<void> {
    const workbook = this.workbook;
    const context = this.context;
    if (!workbook || !this.sheet || !context) throw new Error('xlsx export: end() before begin()');
    try {
      if (this.failure) throw this.failure;
      this.closeSheet();
      writeSummary(workbook.addWorksheet('Summary'), context);
      // The zip ends `sink` (not `out`) when it is done; a failing `out` ends the wait as well.
      await Promise.race([workbook.commit(), this.failed]);
      if (this.failure) throw this.failure;
    } finally {
      this.out?.off('error', this.onError);
      this.workbook = null;
      this.sheet = null;
      this.out = null;
    }
  }

  /** Starts an entries sheet: the header row, bold, frozen. */
  private openSheet(): void {
    const { workbook, context } = this;
    if (!workbook || !context) return;
    this.sheets++;
    // Views must be given here: the streaming writer writes them as the sheet opens.
    const sheet = workbook.addWorksheet(this.sheets === 1 ? 'Entries' : `Entries ${this.sheets}`, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = context.columns.map((column) => ({ key: column, width: WIDTHS[column] }));
    const header = sheet.addRow(context.columns.map((column) => (column === 'time' ? `${EXPORT_COLUMN_LABELS.time} (UTC)` : EXPORT_COLUMN_LABELS[column])));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: { style: 'thin', color: { argb: 'FF9E9E9E' } } };
      cell.alignment = { vertical: 'middle' };
    });
    header.commit();
    this.sheet = sheet;
    this.sheetRows = 0;
  }

  /** Finishes the current entries sheet: the filter over the header and every row, then commit. */
  private closeSheet(): void {
    const { sheet, context } = this;
    if (!sheet || !context) return;
    if (context.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.sheetRows + 1, column: context.columns.length } };
    sheet.commit();
  }

  /**
   * Holds the rows back until the zip and `out` have caught up, so that a slow disk (or just the
   * compression) never lets rows pile up in memory; reports a failed `out`.
   */
  private async settle(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const intake = this.sheet ? zipIntake(this.sheet) : null;
    while (!this.failure && intake && (intake._writableState.length ?? 0) > BACKLOG_LIMIT) await Promise.race([drained(intake), this.failed]).catch(this.onError);
    const sink = this.sink;
    while (!this.failure && sink?.writableNeedDrain) await Promise.race([drained(sink), this.failed]).catch(this.onError);
    if (this.failure) throw this.failure;
  }
}

/** Rows are held back while more than this many bytes of sheet XML wait for the zip. */
const BACKLOG_LIMIT = 1024 * 1024;

/** Rows between two checks of the backlog (a caller's batch may be large). */
const SETTLE_EVERY = 2000;

type Intake = Drainable & { _writableState: { length?: number } };

/**
 * The zip's intake of a worksheet: exceljs's worksheet stream hands it the sheet's XML without
 * waiting (it ignores back-pressure) and the compression only runs when the event loop is free,
 * so without this watch a whole sheet ends up buffered in memory. This reaches into exceljs 4.x
 * (the sheet's stream and what it pipes to); if that is not there, only `out` is watched.
 */
function zipIntake(sheet: ExcelJS.Worksheet): Intake | null {
  const pipes = (sheet as unknown as { _stream?: { pipes?: unknown } })._stream?.pipes;
  const intake: unknown = Array.isArray(pipes) ? pipes[0] : undefined;
  if (typeof intake !== 'object' || intake === null) return null;
  const candidate = intake as Partial<Intake>;
  return typeof candidate._writableState?.length === 'number' && typeof candidate.once === 'function' && typeof candidate.off === 'function' ? (candidate as Intake) : null;
}

/** The Excel workbook export (exceljs streaming writer). */
export function xlsxWriter(options: XlsxWriterOptions = {}): ExportWriter {
  return new XlsxWriter(Math.max(1, Math.min(options.rowsPerSheet ?? XLSX_ROWS_PER_SHEET, XLSX_ROWS_PER_SHEET)));
}
