/** What the ingest pipeline hands to the store: an event or an unparsed row, in file order. */
import type { ParsedEvent, UnparsedRow } from '../../../shared/model/log-event';
import type { DamageReport } from '../formats/binary-format';

export type IngestItem = { kind: 'event'; event: ParsedEvent } | { kind: 'unparsed'; row: UnparsedRow };

/** What was decided about a file before its entries start to flow. */
export interface SourceDetection {
  format: string;
  formatLabel: string;
  confidence: number;
  encoding: string;
  bytesTotal: number;
}

/**
 * The accounting for one file once it has been read. For text formats, `lines` (non-blank lines
 * decoded) must equal `entryLines` (non-blank lines inside events and unparsed rows) plus
 * `skippedLines` (headers and directives); `lostLines` is the difference and should be 0.
 */
export interface SourceReadReport extends SourceDetection {
  bytesRead: number;
  events: number;
  unparsed: number;
  replacedBytes: number;
  lines: number;
  entryLines: number;
  skippedLines: number;
  lostLines: number;
  /** Binary formats: regions that could not be read as records, with the reason. */
  damage: DamageReport[];
  damagedBytes: number;
  /**
   * What the user should know that did not stop the read (reasons, without the path): an empty
   * file, a file that became shorter or was deleted while it was read (see file-changes.ts).
   */
  notes: string[];
}
