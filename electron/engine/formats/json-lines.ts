/**
 * JSON lines (NDJSON): one JSON object per line — Windows events from nxlog or winlogbeat, ECS,
 * bunyan/pino, journald, Docker, cloud audit logs, zeek, and any other objects. Also reads
 * pretty-printed objects and a top-level array of objects, one element at a time. Each object is
 * mapped by its fields (see json-lines-fields.ts); lines that are not JSON objects are kept as
 * unparsed rows with the parser's reason.
 */
import type { FormatPlugin } from './format';
import { countNonBlankLines } from '../ingest/line-accounting';
import { eventFromObject } from './json-lines-fields';
import { JsonLineGrouper } from './json-lines-grouping';
import { isJsonObject } from './json-lines-values';
import { sampleLines, splitLines } from './lines';

/** The pipeline samples this many bytes; a shorter sample is the whole file. */
const FULL_SAMPLE_CHARS = 65536;
/** The start of a JSON object (possibly inside an array), for a sample too short to hold one whole. */
const OBJECT_START = /^(?:\[\s*)?\{\s*(?:"|\})/;

/** The plugin for JSON lines and JSON arrays of log objects. */
export const jsonLines: FormatPlugin = {
  id: 'jsonl',
  label: 'JSON lines',

  /**
   * The share of the sample's lines that belong to JSON objects: 0.94–0.98 when most do, low when
   * few do (plain text with some JSON in it is better read as text), 0 when the file does not
   * start like JSON.
   */
  detect(sample) {
    const head = sample.trimStart();
    if (!head.startsWith('{') && !head.startsWith('[')) return 0;
    const complete = sample.length < FULL_SAMPLE_CHARS;
    let objectLines = 0;
    let otherLines = 0;
    const grouper = new JsonLineGrouper({
      value(value, raw) {
        if (isJsonObject(value)) objectLines += countNonBlankLines(raw);
        else otherLines += countNonBlankLines(raw);
      },
      unparsed(row) {
        otherLines += countNonBlankLines(row.raw);
      },
      skipped() {},
    });
    sampleLines(sample, complete).forEach((text, index) => grouper.push(text, index + 1));
    grouper.end(!complete);
    if (objectLines + otherLines === 0) return OBJECT_START.test(head) ? 0.85 : 0;
    const fraction = objectLines / (objectLines + otherLines);
    return fraction >= 0.5 ? 0.9 + 0.08 * fraction : 0.6 * fraction;
  },

  async parse(chunks, sink, context) {
    const grouper = new JsonLineGrouper({
      value(value, raw, line) {
        if (!isJsonObject(value)) return sink.unparsed({ raw, line, reason: `JSON ${describe(value)}, not an object` });
        let fields: ReturnType<typeof eventFromObject>;
        try {
          fields = eventFromObject(value, context.options);
        } catch (error) {
          // Not expected (the mapping is defensive), but one odd entry must not end the file.
          return sink.unparsed({ raw, line, reason: `JSON object not mapped: ${error instanceof Error ? error.message : String(error)}` });
        }
        sink.event({ ...fields, raw, line });
      },
      unparsed: (row) => sink.unparsed(row),
      skipped: (lines) => sink.skipped(lines),
    });
    for await (const { text, line } of splitLines(chunks)) grouper.push(text, line);
    grouper.end();
  },
};

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}
