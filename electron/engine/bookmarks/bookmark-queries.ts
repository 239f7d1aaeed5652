/**
 * The store's side of bookmarks: the `bookmark` column of `events` (NULL: not bookmarked; '': a
 * bookmark without a comment). Comments are user text and only ever reach SQL as parameters.
 */
import type { Bookmark } from '../../../shared/model/triage';
import type { EventStore } from '../store/event-store';
import { MESSAGE_PREFIX_CHARS } from './sidecar-file';

/** Rows per VALUES list: a file with thousands of bookmarks takes a few statements, not thousands. */
const VALUES_CHUNK = 1000;

/** One stored entry, as much as a bookmark needs of it. */
export interface BookmarkTarget {
  sourceId: number;
  line: number;
  /** The start of its message (MESSAGE_PREFIX_CHARS characters at most). */
  message: string;
}

export class BookmarkQueries {
  constructor(private readonly store: EventStore) {}

  async target(eventId: number): Promise<BookmarkTarget | null> {
    const [row] = await this.store.read(`SELECT source_id, line, left(message, ${MESSAGE_PREFIX_CHARS}) AS head FROM events WHERE id = $1`, [eventId]);
    return row ? { sourceId: Number(row.source_id), line: Number(row.line), message: messageHead(row.head) } : null;
  }

  /** Sets (or, with null, clears) the bookmark of the rows at `line` in each of the sources. */
  mark(sourceIds: readonly number[], line: number, comment: string | null): Promise<void> {
    const params: (string | number)[] = comment === null ? [line] : [line, comment];
    const ids = sourceIds.map((id) => {
      params.push(id);
      return `$${params.length}`;
    });
    const value = comment === null ? 'NULL' : '$2';
    return this.store.write(`UPDATE events SET bookmark = ${value} WHERE line = $1 AND source_id IN (${ids.join(', ')})`, params);
  }

  /**
   * Bookmarks a source's rows by line. Every statement is queued before any runs, so a change the
   * user makes meanwhile is queued after them and is not undone by them.
   */
  async apply(sourceId: number, bookmarks: readonly { line: number; comment: string }[]): Promise<void> {
    const statements: Promise<void>[] = [];
    for (let start = 0; start < bookmarks.length; start += VALUES_CHUNK) {
      const params: (string | number)[] = [sourceId];
      const values = bookmarks.slice(start, start + VALUES_CHUNK).map(({ line, comment }) => {
        params.push(line, comment);
        return `($${params.length - 1}::INTEGER, $${params.length}::VARCHAR)`;
      });
      statements.push(
        this.store.write(
          `UPDATE events SET bookmark = v.comment FROM (VALUES ${values.join(', ')}) AS v(line, comment)
           WHERE events.source_id = $1 AND events.line = v.line`,
          params,
        ),
      );
    }
    await Promise.all(statements);
  }

  /** Which of `lines` the source has rows at (a followed file's lines arrive as it grows). */
  async storedLines(sourceId: number, lines: readonly number[]): Promise<Set<number>> {
    const stored = new Set<number>();
    for (let start = 0; start < lines.length; start += VALUES_CHUNK) {
      const chunk = lines.slice(start, start + VALUES_CHUNK);
      const values = chunk.map((_, i) => `($${i + 2}::INTEGER)`).join(', ');
      const rows = await this.store.read(
        `SELECT DISTINCT e.line FROM events e JOIN (VALUES ${values}) AS v(line) ON e.line = v.line WHERE e.source_id = $1`,
        [sourceId, ...chunk],
      );
      for (const row of rows) stored.add(Number(row.line));
    }
    return stored;
  }

  /** The source's bookmarked rows: the start of the message at each bookmarked line. */
  async bookmarkedMessages(sourceId: number): Promise<Map<number, string>> {
    const rows = await this.store.read(
      `SELECT line, left(message, ${MESSAGE_PREFIX_CHARS}) AS head FROM events WHERE source_id = $1 AND bookmark IS NOT NULL ORDER BY id`,
      [sourceId],
    );
    const messages = new Map<number, string>();
    for (const row of rows) if (!messages.has(Number(row.line))) messages.set(Number(row.line), messageHead(row.head));
    return messages;
  }

  /** Every bookmarked row, in time order (rows without a time last). */
  async list(): Promise<Bookmark[]> {
    const rows = await this.store.read('SELECT id, source_id, line, bookmark FROM events WHERE bookmark IS NOT NULL ORDER BY time_ms ASC NULLS LAST, id');
    return rows.map((row) => ({ eventId: Number(row.id), sourceId: Number(row.source_id), line: Number(row.line), comment: String(row.bookmark) }));
  }
}

/** DuckDB's left() counts characters, JavaScript counts UTF-16 units: cut the same way everywhere. */
function messageHead(head: unknown): string {
  return String(head ?? '').slice(0, MESSAGE_PREFIX_CHARS);
}
