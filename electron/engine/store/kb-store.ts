/**
 * The knowledge base's part of the store. Each entry carries the id of the rule that matched it
 * (set at ingest by the worker that parsed it), the level to show, whether it is hidden, and why
 * it is shown after all (`kb_flag`). The rules in force live in the `kb_rules` table, so inserts
 * apply a rule's severity and hiding in the same statement; burst guards and escalations depend
 * on other entries and are worked out over all matched entries (refreshFlags).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KbMatcher, RuleEntry } from '../../../shared/kb/matcher';
import type { KbFlag } from '../../../shared/model/kb';
import { severityCode, severityFromCode } from '../../../shared/model/severity';

export const KB_RULES_SCHEMA = `
CREATE TABLE kb_rules (
  id VARCHAR PRIMARY KEY,
  severity UTINYINT,
  hide BOOLEAN NOT NULL,
  burst_max INTEGER,
  burst_minutes INTEGER,
  escalate_rules VARCHAR[],
  escalate_minutes INTEGER
)`;

/** Rows read per step while classifying loaded entries again. */
const RECLASSIFY_STEP = 20_000;

export interface RuleCounts {
  matched: number;
  hidden: number;
}

/** Runs `work` with the store's writer, after (and before) any load. */
export type Exclusive = <T>(work: (writer: DuckDBConnection) => Promise<T>) => Promise<T>;

export class KbStore {
  constructor(
    private readonly exclusive: Exclusive,
    private readonly reader: DuckDBConnection,
  ) {}

  /** Puts `entries` in force for inserts from now on (loaded entries: see reclassify). */
  setRules(entries: readonly RuleEntry[]): Promise<void> {
    return this.exclusive(async (writer) => {
      await writer.run('DELETE FROM kb_rules');
      for (const { rule } of entries) {
        if (!rule.enabled) continue;
        await writer.run('INSERT OR REPLACE INTO kb_rules VALUES ($1, $2, $3, $4, $5, $6::VARCHAR[], $7)', [
          rule.id,
          rule.severity === undefined ? null : severityCode(rule.severity),
          rule.hide,
          rule.burst?.max ?? null,
          rule.burst?.minutes ?? null,
          rule.escalate ? `[${rule.escalate.rules.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ')}]` : null,
          rule.escalate?.minutes ?? null,
        ]);
      }
    });
  }

  /**
   * Classifies loaded entries again with `matcher` (after rules changed), a step at a time so that
   * queries are answered in between; then applies the rules' severity, hiding and flags. With
   * `changed` (the rules that changed, as now in force, and the ids of all changed rules), only
   * entries those rules matched before or may match now are read: the others cannot change.
   */
  async reclassify(matcher: KbMatcher, changed?: { matcher: KbMatcher; ids: readonly string[] }): Promise<void> {
    const candidates = changed
      ? [candidateFilter(changed.matcher, false), ...(changed.ids.length > 0 ? [`kb_rule IN (${changed.ids.map(sqlString).join(', ')})`] : [])].join(' OR ')
      : candidateFilter(matcher, true);
    // Steps by id (inserts keep ids in order, so DuckDB skips the row groups already read).
    for (let after = -1; ; ) {
      const reader = await this.reader.runAndReadAll(
        `SELECT id, provider, event_id, parsed_level, channel, message, data, kb_rule FROM events
         WHERE id > $1 AND NOT unparsed AND (${candidates}) ORDER BY id LIMIT ${RECLASSIFY_STEP}`,
        [after],
      );
      const rows = reader.getRowObjectsJS();
      if (rows.length === 0) break;
      const changes: [number, string | null][] = [];
      for (const row of rows) {
        const entry = matcher.classify({
          provider: (row.provider as string | null) ?? null,
          eventId: row.event_id === null ? null : Number(row.event_id),
          level: severityFromCode(Number(row.parsed_level)),
          channel: (row.channel as string | null) ?? null,
          message: row.message as string,
          data: row.data === null ? null : (JSON.parse(row.data as string) as never),
        });
        const rule = entry?.rule.id ?? null;
        if (rule !== ((row.kb_rule as string | null) ?? null)) changes.push([Number(row.id), rule]);
      }
      after = Number(rows.at(-1)!.id);
      if (changes.length > 0) await this.writeRules(changes);
      // Let waiting queries run between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.exclusive(async (writer) => {
      await writer.run(
        `UPDATE events SET level = parsed_level, kb_hidden = false, kb_flag = NULL
         WHERE (kb_hidden OR kb_flag IS NOT NULL OR level <> parsed_level) AND (kb_rule IS NULL OR kb_rule NOT IN (SELECT id FROM kb_rules))`,
      );
      await writer.run(
        `UPDATE events SET level = coalesce(r.severity, events.parsed_level), kb_hidden = r.hide, kb_flag = NULL
         FROM kb_rules r WHERE events.kb_rule = r.id`,
      );
    });
    await this.refreshFlags();
  }

  private writeRules(changes: readonly [number, string | null][]): Promise<void> {
    return this.exclusive(async (writer) => {
      await writer.run('CREATE OR REPLACE TEMP TABLE kb_changes (id BIGINT, rule VARCHAR)');
      const appender = await writer.createAppender('kb_changes');
      for (const [id, rule] of changes) {
        appender.appendBigInt(BigInt(id));
        if (rule === null) appender.appendNull();
        else appender.appendVarchar(rule);
        appender.endRow();
      }
      appender.closeSync();
      await writer.run('UPDATE events SET kb_rule = c.rule FROM kb_changes c WHERE events.id = c.id');
      await writer.run('DROP TABLE kb_changes');
    });
  }

  /**
   * Works out burst-guard and escalation flags over all matched entries: flagged entries are
   * shown although their rule hides them. Burst windows are fixed (aligned to the epoch), per rule
   * and computer; an escalation looks `escalate_minutes` either side on the same computer.
   */
  refreshFlags(): Promise<void> {
    return this.exclusive(async (writer) => {
      await writer.run(`
        CREATE OR REPLACE TEMP TABLE kb_flags AS
        WITH guarded AS (
          SELECT e.id, e.kb_rule, e.computer, e.time_ms, r.hide, r.burst_max, r.burst_minutes, r.escalate_rules, r.escalate_minutes
          FROM events e JOIN kb_rules r ON r.id = e.kb_rule
          WHERE r.burst_max IS NOT NULL OR r.escalate_rules IS NOT NULL
        ),
        volume AS (
          SELECT kb_rule, computer, time_ms // (burst_minutes * 60000) AS bucket
          FROM guarded WHERE burst_max IS NOT NULL AND time_ms IS NOT NULL
          GROUP BY kb_rule, computer, bucket, burst_max HAVING count(*) > burst_max
        ),
        matched AS (SELECT kb_rule, computer, time_ms FROM events WHERE kb_rule IS NOT NULL AND time_ms IS NOT NULL),
        escalated AS (
          SELECT DISTINCT g.id FROM guarded g JOIN matched o
            ON list_contains(g.escalate_rules, o.kb_rule)
           AND o.computer IS NOT DISTINCT FROM g.computer
           AND o.time_ms BETWEEN g.time_ms - g.escalate_minutes * 60000 AND g.time_ms + g.escalate_minutes * 60000
          WHERE g.escalate_rules IS NOT NULL
        )
        SELECT g.id,
               CASE WHEN g.id IN (SELECT id FROM escalated) THEN 'escalated'
                    WHEN v.kb_rule IS NOT NULL THEN 'volume' END AS flag,
               g.hide
        FROM guarded g LEFT JOIN volume v
          ON v.kb_rule = g.kb_rule AND v.computer IS NOT DISTINCT FROM g.computer AND v.bucket = g.time_ms // (g.burst_minutes * 60000)`);
      await writer.run(
        `UPDATE events SET kb_flag = f.flag, kb_hidden = f.hide AND f.flag IS NULL
         FROM kb_flags f WHERE events.id = f.id AND events.kb_flag IS DISTINCT FROM f.flag`,
      );
      await writer.run('DROP TABLE kb_flags');
    });
  }

  /** How many loaded entries each rule matched and hid. */
  async counts(): Promise<Map<string, RuleCounts>> {
    const reader = await this.reader.runAndReadAll(
      `SELECT kb_rule, count(*)::INTEGER AS matched, (count(*) FILTER (WHERE kb_hidden))::INTEGER AS hidden
       FROM events WHERE kb_rule IS NOT NULL GROUP BY kb_rule`,
    );
    return new Map(reader.getRowObjectsJS().map((row) => [row.kb_rule as string, { matched: Number(row.matched), hidden: Number(row.hidden) }]));
  }
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * SQL for the entries the matcher's rules could apply to (see KbMatcher.candidates), and with
 * `classified` those that have a rule now (it may be gone): the rest need not be read again.
 */
function candidateFilter(matcher: KbMatcher, classified: boolean): string {
  const { pairs, providers, eventIds, literals, everyTextLine } = matcher.candidates();
  const clauses = classified ? ['kb_rule IS NOT NULL'] : ['FALSE'];
  if (everyTextLine) clauses.push('provider IS NULL');
  if (pairs.length > 0) clauses.push(`(lower(provider) || '#' || (event_id & 65535)) IN (${pairs.map(sqlString).join(', ')})`);
  if (providers.length > 0) clauses.push(`lower(provider) IN (${providers.map(sqlString).join(', ')})`);
  if (eventIds.length > 0) clauses.push(`(event_id & 65535) IN (${eventIds.map((id) => String(Math.trunc(id))).join(', ')})`);
  for (const literal of everyTextLine ? [] : literals) clauses.push(`provider IS NULL AND message ILIKE ${sqlString(`%${literal.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
  return clauses.join(' OR ');
}

/** The flag column as the model types it. */
export function kbFlagOf(value: unknown): KbFlag | null {
  return value === 'volume' || value === 'escalated' ? value : null;
}
