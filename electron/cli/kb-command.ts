/**
 * `logsift kb list` prints the rules in force (built-in and the user's); `logsift kb test FILE...`
 * loads files through the app's own path (workers → store → KB, burst guards and escalations
 * included) and prints per rule how many entries it matched and hid, then every hidden entry.
 */
import type { Writable } from 'node:stream';
import { VERDICT_LABELS } from '../../shared/kb/rule-schema';
import { kbReason } from '../../shared/model/kb';
import type { EventRow } from '../../shared/model/log-event';
import { Engine } from '../engine/engine';
import { KnowledgeBase } from '../engine/kb/knowledge-base';

export interface KbCommandOptions {
  workerScript: string;
  userDataDir: string;
  out: Writable;
  err: Writable;
}

export async function listRules(options: KbCommandOptions): Promise<number> {
  const kb = await KnowledgeBase.load(options.userDataDir);
  if (kb.userRulesProblem) options.err.write(`logsift: ${kb.userRulesProblem}\n`);
  for (const { rule, origin } of kb.entries()) {
    const flags = [VERDICT_LABELS[rule.verdict], rule.hide ? 'hides' : 'shows', origin === 'user' ? 'user rule' : 'built-in', rule.enabled ? '' : 'disabled']
      .filter(Boolean)
      .join(', ');
    options.out.write(`${rule.id}\n  ${rule.title}\n  ${flags}\n`);
    const refs = rule.references.map((ref) => (ref.url ? `${ref.label} <${ref.url}>` : ref.label)).join('; ');
    if (refs) options.out.write(`  ${refs}\n`);
  }
  return 0;
}

/** Rows fetched per page while listing hidden entries. */
const PAGE = 5000;

export async function testRules(paths: string[], options: KbCommandOptions): Promise<number> {
  const engine = await Engine.create({ workerScript: options.workerScript, userDataDir: options.userDataDir });
  try {
    await engine.openPaths(paths, { expandDirectories: true });
    await engine.whenIdle();
    const sources = await engine.listSources();
    for (const source of sources) for (const error of source.errors) options.err.write(`logsift: ${error}\n`);
    const kb = await engine.getKb();
    if (kb.userRulesProblem) options.err.write(`logsift: ${kb.userRulesProblem}\n`);
    const counts = await engine.countEvents({});
    options.out.write(`${counts.all} entries in ${sources.length} file(s); ${counts.hidden} hidden by the KB\n\n`);
    const used = kb.rules.filter((info) => info.matched > 0);
    for (const { rule, matched, hidden } of used) {
      options.out.write(`${String(matched).padStart(8)} matched ${String(hidden).padStart(8)} hidden  ${rule.id} (${VERDICT_LABELS[rule.verdict]})\n`);
    }
    if (used.length === 0) options.out.write('No rule matched any entry.\n');
    const rules = new Map(kb.rules.map((info) => [info.rule.id, info.rule]));
    const files = new Map(sources.map((source) => [source.id, source.path]));
    let printedHeader = false;
    for (let offset = 0; offset < counts.all; offset += PAGE) {
      const page = await engine.queryEvents({ query: { showHidden: true }, offset, limit: PAGE });
      for (const row of page.rows.filter((candidate) => candidate.kb?.hidden)) {
        if (!printedHeader) options.out.write('\nHidden entries:\n');
        printedHeader = true;
        options.out.write(`${describe(row, files.get(row.sourceId) ?? '?', rules.get(row.kb!.rule)?.title ?? row.kb!.rule)}\n`);
      }
    }
    const flagged = await countFlagged(engine, counts.all);
    for (const [reason, count] of flagged) options.out.write(`\n${count} shown despite their rule: ${reason}`);
    if (flagged.size > 0) options.out.write('\n');
    return sources.some((source) => source.status === 'error') ? 1 : 0;
  } finally {
    engine.close();
  }
}

async function countFlagged(engine: Engine, total: number): Promise<Map<string, number>> {
  const kb = await engine.getKb();
  const rules = new Map(kb.rules.map((info) => [info.rule.id, info.rule]));
  const flagged = new Map<string, number>();
  for (let offset = 0; offset < total; offset += PAGE) {
    const page = await engine.queryEvents({ query: { showHidden: true }, offset, limit: PAGE });
    for (const row of page.rows) {
      const rule = row.kb && rules.get(row.kb.rule);
      if (!row.kb?.flag || !rule) continue;
      const reason = kbReason(rule, row.kb.flag);
      flagged.set(reason, (flagged.get(reason) ?? 0) + 1);
    }
  }
  return flagged;
}

function describe(row: EventRow, file: string, title: string): string {
  const time = row.time === null ? '-' : new Date(row.time).toISOString();
  const message = row.message.replace(/\s+/g, ' ').slice(0, 160);
  return `  ${file} ${time} ${row.provider ?? '-'} ${row.eventId ?? '-'} [${title}] ${message}`;
}
