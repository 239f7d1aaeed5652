/** JSON lines with every field: the `logsift parse --jsonl` shape (entry-json.ts), the KB verdict and reason included. */
import type { Writable } from 'node:stream';
import { detailToJson } from './entry-json';
import { write, type ExportRow, type ExportWriter } from './export-writer';

export function jsonlWriter(): ExportWriter {
  let out: Writable;
  return {
    async begin(stream) {
      out = stream;
    },
    async rows(rows: readonly ExportRow[]) {
      await write(out, rows.map((row) => `${JSON.stringify(toJson(row))}\n`).join(''));
    },
    async end() {},
  };
}

function toJson(row: ExportRow): Record<string, unknown> {
  const kb = row.kb ? { rule: row.kb.rule, verdict: row.kb.verdict, hidden: row.kb.hidden, flag: row.kb.flag, reason: row.kbReason } : null;
  return detailToJson(row, kb);
}
