/**
 * The one typed contract between the engine and every UI that talks to it.
 *
 * The engine implements `LogsiftApi`; Electron's preload and the browser's WebSocket client both
 * build their proxies from `API_METHODS`, whose keys must be exactly the interface's methods (the
 * `satisfies` clause makes a missing or extra method a compile error). Each method lists a zod
 * schema for its arguments, which the host checks before calling the engine: the renderer is
 * untrusted.
 */
import { z } from 'zod';
import type { KbRule } from './kb/rule-schema';
import type { KbState } from './model/kb';
import type { WatchInfo, WatchOptions } from './model/watch';
import type { Bookmark, FacetResult, Histogram, Session, SessionSummary, SessionView } from './model/triage';
import { EXPORT_COLUMNS, EXPORT_FORMATS, type ExportProgress, type ExportRequest, type ExportResult } from './model/export';
import type { EventDetail, SourceInfo } from './model/log-event';
import { SORTABLE_COLUMNS, type EventCounts, type EventPage, type EventQuery, type FilterChip, type PageRequest } from './model/query';
import { SEVERITIES } from './model/severity';

/** A format Logsift can read, for the "Read as…" choice. */
export interface FormatInfo {
  id: string;
  label: string;
}

/** How a source is read when the user overrides detection or states what the file cannot tell. */
export interface ReadOptions {
  /** Format id to use instead of detection. */
  format?: string;
  /** Zone the file's zone-less times were written in: 'UTC', '+01:00', 'Europe/Berlin'. */
  timeZone?: string;
  /** NN/NN/YYYY dates are day first. */
  dayFirst?: boolean;
}

/** Which host the renderer is running in, and what it can do there. */
export interface HostInfo {
  mode: 'electron' | 'browser';
  version: string;
  /** True where the host can show a native Open dialog (Electron); the browser uploads instead. */
  canPickFiles: boolean;
}

export interface LogsiftApi {
  getHostInfo(): Promise<HostInfo>;
  listSources(): Promise<SourceInfo[]>;
  queryEvents(request: PageRequest): Promise<EventPage>;
  countEvents(query: EventQuery): Promise<EventCounts>;
  getEvent(id: number): Promise<EventDetail | null>;
  closeSource(sourceId: number): Promise<void>;
  listRecentFiles(): Promise<string[]>;
  /** Reopens a file from the recent list; any other path is refused. */
  openRecentFile(path: string): Promise<SourceInfo[]>;
  /** Shows the host's Open dialog and opens what the user picked. */
  openFileDialog(): Promise<SourceInfo[]>;
  listFormats(): Promise<FormatInfo[]>;
  /** Reads a source again with other options (format, time zone, date order). */
  reopenSource(sourceId: number, options: ReadOptions): Promise<SourceInfo>;
  /** The knowledge-base rules in force, with their counts over what is loaded. */
  getKb(): Promise<KbState>;
  /**
   * Adds or replaces a user rule (by id; a built-in id makes it the user's version of that rule).
   * Rejects with the exact field and reason when the rule is malformed.
   */
  saveKbRule(rule: unknown): Promise<KbRule>;
  deleteKbRule(id: string): Promise<void>;
  setKbRuleEnabled(id: string, enabled: boolean): Promise<void>;
  /** The user rules as a rule pack (JSON text), to share or keep. */
  exportKbRules(): Promise<string>;
  /** Adds a rule pack's rules to the user rules (same id: replaced); the whole pack or nothing. */
  importKbRules(packText: string): Promise<{ imported: number }>;
  /** Watches a folder: its files are loaded and followed as they grow, new ones as they appear. */
  watchFolder(path: string, options: Partial<WatchOptions>): Promise<WatchInfo>;
  /** Shows the host's folder dialog and watches what the user picked (null: cancelled). */
  watchFolderDialog(): Promise<WatchInfo | null>;
  unwatchFolder(watchId: number): Promise<void>;
  listWatches(): Promise<WatchInfo[]>;
  /**
   * Exports the view. Electron asks where to save it (null: cancelled); a browser gets a
   * download URL for a file the server wrote. Progress comes as `exportProgress` events.
   */
  exportView(request: ExportRequest): Promise<ExportResult | null>;
  cancelExport(exportId: number): Promise<void>;

  // Triage views (shared/model/triage.ts).
  /** Counts per value of each facet field for the query, the most frequent `limit` values each. */
  getFacets(query: EventQuery, limit: number): Promise<FacetResult[]>;
  /** Entries over time for the query, in about `buckets` buckets over the range it covers. */
  getHistogram(query: EventQuery, buckets: number): Promise<Histogram>;
  /** Shifts every time of a source by `offsetMs` (replacing any earlier offset); 0 undoes it. */
  setSourceClockOffset(sourceId: number, offsetMs: number): Promise<void>;
  /** Bookmarks an entry with a comment ('' for none), or changes its comment; saved beside its file. */
  setBookmark(eventId: number, comment: string): Promise<Bookmark>;
  removeBookmark(eventId: number): Promise<void>;
  /** Every bookmark of the open sources, in time order. */
  listBookmarks(): Promise<Bookmark[]>;
  /** Saves the current session (open files, watched folders, their read options) with the renderer's view. */
  saveSession(view: SessionView): Promise<void>;
  /** Saved sessions, newest first (the first is the last one). */
  listSessions(): Promise<SessionSummary[]>;
  /**
   * Replaces what is open with a saved session's files and folders (missing ones are skipped and
   * named in `missing`) and returns its view for the renderer to apply; null when no such session.
   */
  restoreSession(id: string): Promise<{ session: Session; missing: string[] } | null>;
}

/** Change notifications: the host announces, the renderer pulls. */
export interface LogsiftEvents {
  sourcesChanged: SourceInfo[];
  eventsChanged: { all: number; version: number };
  kbChanged: { reclassifying: boolean };
  watchesChanged: WatchInfo[];
  exportProgress: ExportProgress;
}

export type LogsiftEventName = keyof LogsiftEvents;

/** Subscribes to a change event; returns the function that unsubscribes. */
export type Subscribe = <K extends LogsiftEventName>(event: K, listener: (payload: LogsiftEvents[K]) => void) => () => void;

/** What the renderer holds: the API plus change events. */
export interface LogsiftClient extends LogsiftApi {
  on: Subscribe;
}

const eventQuerySchema = z
  .object({
    text: z.string().max(10_000).optional(),
    levels: z.array(z.enum(SEVERITIES)).optional(),
    sourceIds: z.array(z.number().int().nonnegative()).optional(),
    sort: z
      .array(z.object({ column: z.enum(SORTABLE_COLUMNS), direction: z.enum(['asc', 'desc']) }).strict())
      .max(SORTABLE_COLUMNS.length)
      .optional(),
    showHidden: z.boolean().optional(),
    from: z.number().finite().optional(),
    to: z.number().finite().optional(),
    chips: z
      .array(z.object({ search: z.string().min(1).max(10_000), exclude: z.boolean() }).strict() satisfies z.ZodType<FilterChip>)
      .max(100)
      .optional(),
    bookmarkedOnly: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<EventQuery>;

const sessionViewSchema = z
  .object({
    query: eventQuerySchema,
    hiddenColumns: z.array(z.string().max(64)).max(64),
    columnOrder: z.array(z.string().max(64)).max(64).optional(),
    columnWidths: z.record(z.string().max(64), z.number().finite().min(0).max(10_000)).optional(),
    hiddenSourcePaths: z.array(z.string().max(4096)).max(10_000).optional(),
  })
  .strict() satisfies z.ZodType<SessionView>;

const rowIdSchema = z.number().int().nonnegative();

const readOptionsSchema = z
  .object({
    format: z.string().min(1).max(64).optional(),
    timeZone: z.string().min(1).max(64).optional(),
    dayFirst: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<ReadOptions>;

const pageRequestSchema = z
  .object({
    query: eventQuerySchema,
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(10_000),
  })
  .strict() satisfies z.ZodType<PageRequest>;

const ruleIdSchema = z.string().min(1).max(80);

const globsSchema = z.array(z.string().min(1).max(500)).max(100);
const watchOptionsSchema = z
  .object({ recursive: z.boolean().optional(), include: globsSchema.optional(), exclude: globsSchema.optional(), polling: z.boolean().optional() })
  .strict() satisfies z.ZodType<Partial<WatchOptions>>;

const exportRequestSchema = z
  .object({
    query: eventQuerySchema,
    format: z.enum(EXPORT_FORMATS),
    columns: z.array(z.enum(EXPORT_COLUMNS)).min(1).max(EXPORT_COLUMNS.length),
    ids: z.array(z.number().int().nonnegative()).max(1_000_000).optional(),
    bom: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<ExportRequest>;

/** Argument schemas per method, as tuples; the key set is the contract's method list. */
export const API_METHODS = {
  getHostInfo: z.tuple([]),
  listSources: z.tuple([]),
  queryEvents: z.tuple([pageRequestSchema]),
  countEvents: z.tuple([eventQuerySchema]),
  getEvent: z.tuple([z.number().int().nonnegative()]),
  closeSource: z.tuple([z.number().int().nonnegative()]),
  listRecentFiles: z.tuple([]),
  openRecentFile: z.tuple([z.string().min(1).max(4096)]),
  openFileDialog: z.tuple([]),
  listFormats: z.tuple([]),
  reopenSource: z.tuple([z.number().int().nonnegative(), readOptionsSchema]),
  getKb: z.tuple([]),
  // The rule itself is checked by the KB's own schema, which names the exact field at fault.
  saveKbRule: z.tuple([z.unknown()]),
  deleteKbRule: z.tuple([ruleIdSchema]),
  setKbRuleEnabled: z.tuple([ruleIdSchema, z.boolean()]),
  exportKbRules: z.tuple([]),
  importKbRules: z.tuple([z.string().max(16 * 1024 * 1024)]),
  watchFolder: z.tuple([z.string().min(1).max(4096), watchOptionsSchema]),
  watchFolderDialog: z.tuple([]),
  unwatchFolder: z.tuple([z.number().int().nonnegative()]),
  listWatches: z.tuple([]),
  exportView: z.tuple([exportRequestSchema]),
  cancelExport: z.tuple([z.number().int().nonnegative()]),
  getFacets: z.tuple([eventQuerySchema, z.number().int().min(1).max(1000)]),
  getHistogram: z.tuple([eventQuerySchema, z.number().int().min(1).max(2000)]),
  // At most a year either way: more is a typo, not a clock.
  setSourceClockOffset: z.tuple([z.number().int().nonnegative(), z.number().int().min(-366 * 86_400_000).max(366 * 86_400_000)]),
  setBookmark: z.tuple([rowIdSchema, z.string().max(10_000)]),
  removeBookmark: z.tuple([rowIdSchema]),
  listBookmarks: z.tuple([]),
  saveSession: z.tuple([sessionViewSchema]),
  listSessions: z.tuple([]),
  restoreSession: z.tuple([z.string().min(1).max(100)]),
} as const satisfies { [K in keyof LogsiftApi]: z.ZodType<Parameters<LogsiftApi[K]>> };

export type ApiMethod = keyof LogsiftApi;

export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethod[];

export const EVENT_NAMES: readonly LogsiftEventName[] = ['sourcesChanged', 'eventsChanged', 'kbChanged', 'watchesChanged', 'exportProgress'];

/** Prefix of every IPC channel, so the preload can refuse anything else. */
export const CHANNEL_PREFIX = 'logsift:';

/** Validates a call's arguments against the contract; throws an error naming the method and field. */
export function parseArguments<K extends ApiMethod>(method: K, args: unknown): Parameters<LogsiftApi[K]> {
  const schema = API_METHODS[method] as unknown as z.ZodType<Parameters<LogsiftApi[K]>>;
  const result = schema.safeParse(args);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`Invalid arguments for ${method}${where}: ${issue?.message ?? 'rejected'}`);
  }
  return result.data;
}

/** True when a string names a method of the contract. */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API_METHODS, name);
}
