/** The status line's counts for a query (EventStore.counts caches them per store version). */
import type { EventCounts, EventQuery } from '../../../shared/model/query';
import { severityFromCode } from '../../../shared/model/severity';
import type { EventStore } from './event-store';
import { buildFilter } from './query-sql';

/**
 * One scan under the filter without its levels and with hidden entries kept, grouped so that
 * shown, per-level and hidden-per-rule counts all come out of it (a search's text conditions
 * are the costly part, so they are evaluated once). The row without a level is the count of
 * everything, in the same statement so that both come from one snapshot while a file loads.
 */
export async function queryCounts(store: EventStore, query: EventQuery): Promise<EventCounts> {
  const filter = buildFilter({ ...query, showHidden: true }, false);
  const rows = await store.read(
    `SELECT level, kb_hidden, CASE WHEN kb_hidden THEN kb_rule END AS rule, count(*)::INTEGER AS n FROM events WHERE ${filter.where} GROUP BY ALL
     UNION ALL SELECT NULL, NULL, NULL, count(*)::INTEGER FROM events`,
    filter.params,
  );
  const byLevel: EventCounts['byLevel'] = {};
  const hiddenByRule: Record<string, number> = {};
  let all = 0;
  let shown = 0;
  let hidden = 0;
  for (const row of rows) {
    const count = Number(row.n);
    if (row.level === null) {
      all = count;
      continue;
    }
    const level = severityFromCode(Number(row.level));
    const levelShown = !query.levels || query.levels.includes(level);
    if (row.kb_hidden && levelShown) {
      hiddenByRule[String(row.rule)] = (hiddenByRule[String(row.rule)] ?? 0) + count;
      hidden += count;
    }
    if (row.kb_hidden && !query.showHidden) continue;
    byLevel[level] = (byLevel[level] ?? 0) + count;
    if (levelShown) shown += count;
  }
  return { all, shown, byLevel, hidden, hiddenByRule };
}
