/**
 * The knowledge base at work in a session: the rules in force, the store's classification of
 * what is loaded, and the rule changes users make. A change reclassifies every loaded entry (in
 * steps, so the grid stays responsive) and is announced with `kbChanged`.
 */
import type { RuleEntry } from '../../../shared/kb/matcher';
import { KbMatcher } from '../../../shared/kb/matcher';
import type { KbRule } from '../../../shared/kb/rule-schema';
import type { KbState } from '../../../shared/model/kb';
import type { EventStore } from '../store/event-store';
import { KnowledgeBase } from './knowledge-base';

/** How long after a batch lands the burst and escalation flags are worked out again. */
const FLAG_REFRESH_DELAY_MS = 150;

export class KbService {
  /** Bumped on every rule change; a load that started under an older one is classified again. */
  version = 0;
  private reclassifying: Promise<void> | undefined;
  /** Rule ids changed since the running reclassification started; null: classify everything. */
  private pending: Set<string> | null | undefined;
  private flagTimer: NodeJS.Timeout | undefined;
  private flagRefresh: Promise<void> = Promise.resolve();

  private constructor(
    private readonly kb: KnowledgeBase,
    private readonly store: EventStore,
    private readonly announce: (reclassifying: boolean) => void,
  ) {}

  static async create(userDataDir: string, store: EventStore, announce: (reclassifying: boolean) => void): Promise<KbService> {
    const service = new KbService(await KnowledgeBase.load(userDataDir), store, announce);
    await store.setKbRules(service.entries());
    return service;
  }

  /** The rules in force, as ingest workers need them. */
  entries(): RuleEntry[] {
    return this.kb.entries();
  }

  async state(): Promise<KbState> {
    const counts = await this.store.kb.counts();
    return {
      rules: this.entries().map(({ rule, origin }) => ({
        rule,
        origin,
        overridesBuiltin: origin === 'user' && this.isBuiltinId(rule.id),
        matched: counts.get(rule.id)?.matched ?? 0,
        hidden: counts.get(rule.id)?.hidden ?? 0,
      })),
      userRulesProblem: this.kb.userRulesProblem,
      reclassifying: this.reclassifying !== undefined,
    };
  }

  async save(input: unknown): Promise<KbRule> {
    const before = this.kb.entries().find((entry) => entry.rule.id === (input as { id?: unknown } | null)?.id);
    const rule = await this.kb.save(input);
    await this.changed([rule.id, ...(before ? [before.rule.id] : [])]);
    return rule;
  }

  async delete(id: string): Promise<void> {
    await this.kb.delete(id);
    await this.changed([id]);
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this.kb.setEnabled(id, enabled);
    await this.changed([id]);
  }

  exportPack(): string {
    return this.kb.exportPack();
  }

  async importPack(text: string): Promise<number> {
    const ids = await this.kb.importPack(text);
    await this.changed(ids);
    return ids.length;
  }

  /** Classified entries were stored or removed: burst and escalation flags are worked out again shortly. */
  batchStored(): void {
    if (this.flagTimer) return;
    this.flagTimer = setTimeout(() => {
      this.flagTimer = undefined;
      this.flagRefresh = this.flagRefresh.then(() => this.store.kb.refreshFlags()).catch(() => undefined);
    }, FLAG_REFRESH_DELAY_MS);
  }

  /** Resolves once pending classification work is done (tests, `--stats`, `kb test`). */
  async settled(): Promise<void> {
    if (this.flagTimer) {
      clearTimeout(this.flagTimer);
      this.flagTimer = undefined;
      this.flagRefresh = this.flagRefresh.then(() => this.store.kb.refreshFlags());
    }
    await this.flagRefresh;
    while (this.reclassifying) await this.reclassifying;
  }

  /**
   * Classifies loaded entries again: those the rules `changedIds` matched or may match (after a
   * rule change), or everything (a load that used older rules). Changes made meanwhile are
   * gathered and applied in one more pass.
   */
  reclassify(changedIds?: readonly string[]): Promise<void> {
    if (changedIds === undefined || this.pending === null) this.pending = null;
    else this.pending = new Set([...(this.pending ?? []), ...changedIds]);
    if (this.reclassifying) return this.reclassifying;
    this.announce(true);
    this.reclassifying = (async () => {
      while (this.pending !== undefined) {
        const ids = this.pending;
        this.pending = undefined;
        const entries = this.entries();
        const matcher = new KbMatcher(entries);
        if (ids === null) await this.store.kb.reclassify(matcher);
        else {
          const changed = new KbMatcher(entries.filter((entry) => ids.has(entry.rule.id)));
          await this.store.kb.reclassify(matcher, { matcher: changed, ids: [...ids] });
        }
      }
    })().finally(() => {
      this.reclassifying = undefined;
      this.announce(false);
    });
    return this.reclassifying;
  }

  stop(): void {
    if (this.flagTimer) clearTimeout(this.flagTimer);
  }

  private async changed(ids: readonly string[]): Promise<void> {
    this.version++;
    await this.store.setKbRules(this.entries());
    await this.reclassify(ids);
  }

  private isBuiltinId(id: string): boolean {
    return this.kb.isBuiltinId(id);
  }
}
