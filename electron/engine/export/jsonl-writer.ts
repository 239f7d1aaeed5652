/** JSON lines with every field: the `logsift parse --jsonl` shape plus the KB verdict and reason. */
import type { Writable } from 'node:stream';
import { isoTime } from './export-cells';
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
  if (row.unparsed) return { unparsed: true, line: row.line, reason: row.unparsedReason, raw: row.raw, file: row.file, format: row.format };
  return {
    time: row.time === null ? null : isoTime(row.time),
    level: row.level,
    provider: row.provider,
    eventId: row.eventId,
    category: row.category,
    computer: row.computer,
    user: row.user,
    channel: row.channel,
    recordId: row.recordId,
    message: row.message,
    data: row.data,
    kb,
    file: row.file,
    format: row.format,
    line: row.line,
  };
}
