/** Messages between a file's reader (the ingest worker) and its unit helper threads. */
import type { RuleEntry } from '../../../shared/kb/matcher';
import type { ReadSourceOptions } from './read-source';
import type { SpooledBatch } from './spool';

/** What a helper is started with: the file, and where to spool what it parses. */
export interface UnitJob {
  format: string;
  path: string;
  modifiedTime: number;
  options: ReadSourceOptions;
  spoolDir: string;
  /** Unique prefix for this helper's spool files. */
  spoolPrefix: string;
  /** The KB rules in force, to classify entries as they are spooled. */
  kbRules: RuleEntry[];
}

export interface UnitRequest {
  id: number;
  input: unknown;
}

export type UnitReply =
  | { id: number; batch: SpooledBatch | undefined; events: number; summary: unknown; error?: undefined }
  | { id: number; error: string };
