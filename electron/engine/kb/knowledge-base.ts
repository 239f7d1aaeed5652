/**
 * The rules in force: the built-in KB shipped with Logsift, and the user's own rules saved in the
 * app's user-data folder. A user rule with a built-in rule's id replaces it (that is how a user
 * edits or disables a built-in rule). A user rule file that does not validate is set aside with
 * the exact problem and never disables the built-in KB.
 */
import { copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import builtinPackJson from '../../../shared/kb/builtin-rules.json';
import type { RuleEntry } from '../../../shared/kb/matcher';
import {
  parseRule,
  parseRulePack,
  RULE_PACK_FORMAT,
  RULE_PACK_VERSION,
  RulePackError,
  type KbRule,
  type RulePack,
} from '../../../shared/kb/rule-schema';

const USER_RULES_FILE = 'kb-user-rules.json';

/** The built-in pack, validated once (a broken built-in KB is a bug the golden tests catch). */
export const BUILTIN_PACK: RulePack = parseRulePack(builtinPackJson, 'built-in KB');

export class KnowledgeBase {
  private brokenFileKept = false;

  private constructor(
    private readonly file: string,
    private userRules: KbRule[],
    /** Why the saved user rules were set aside, or null. */
    readonly userRulesProblem: string | null,
  ) {}

  /** Loads the user rules beside the other user data (none yet: an empty set). */
  static async load(userDataDir: string): Promise<KnowledgeBase> {
    const file = join(userDataDir, USER_RULES_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new KnowledgeBase(file, [], null);
    }
    try {
      return new KnowledgeBase(file, parseRulePack(text, file, builtinIds()).rules, null);
    } catch (error) {
      const problem = error instanceof RulePackError ? error.message : `${file}: ${String(error)}`;
      return new KnowledgeBase(file, [], `${problem} — your rules are not applied until this is fixed; the built-in KB still is`);
    }
  }

  /** Built-in rules (less those the user replaced), then user rules. */
  entries(): RuleEntry[] {
    const replaced = new Set(this.userRules.map((rule) => rule.id));
    return [
      ...BUILTIN_PACK.rules.filter((rule) => !replaced.has(rule.id)).map((rule) => ({ rule, origin: 'builtin' as const })),
      ...this.userRules.map((rule) => ({ rule, origin: 'user' as const })),
    ];
  }

  isBuiltinId(id: string): boolean {
    return BUILTIN_PACK.rules.some((rule) => rule.id === id);
  }

  isUserRule(id: string): boolean {
    return this.userRules.some((rule) => rule.id === id);
  }

  /** Adds or replaces a user rule; throws RulePackError naming the field at fault. */
  async save(input: unknown): Promise<KbRule> {
    const rule = parseRule(input, this.knownIds());
    await this.store(upsert(this.userRules, [rule]));
    return rule;
  }

  async delete(id: string): Promise<void> {
    if (!this.isUserRule(id)) throw new Error(`No user rule has the id "${id}" (built-in rules can be disabled, not deleted)`);
    await this.store(this.userRules.filter((rule) => rule.id !== id));
  }

  /** Enables or disables a rule; for a built-in rule this saves the user's copy of it. */
  async setEnabled(id: string, enabled: boolean): Promise<void> {
    const rule = this.userRules.find((candidate) => candidate.id === id) ?? BUILTIN_PACK.rules.find((candidate) => candidate.id === id);
    if (!rule) throw new Error(`No rule has the id "${id}"`);
    await this.store(upsert(this.userRules, [{ ...rule, enabled }]));
  }

  /** The user rules as a rule pack (JSON text). */
  exportPack(): string {
    const pack: RulePack = { format: RULE_PACK_FORMAT, version: RULE_PACK_VERSION, name: 'Logsift user rules', rules: this.userRules };
    return `${JSON.stringify(pack, null, 2)}\n`;
  }

  /**
   * Adds a pack's rules (same id: replaced); throws RulePackError and changes nothing if any is
   * bad. Returns the ids of the rules imported.
   */
  async importPack(text: string, packName = 'imported rule pack'): Promise<string[]> {
    const pack = parseRulePack(text, packName, this.knownIds());
    await this.store(upsert(this.userRules, pack.rules));
    return pack.rules.map((rule) => rule.id);
  }

  private knownIds(): Set<string> {
    return new Set([...builtinIds(), ...this.userRules.map((rule) => rule.id)]);
  }

  /** Writes the user rules (to a temporary file first, so a crash never leaves half a file). */
  private async store(rules: KbRule[]): Promise<void> {
    if (this.userRulesProblem !== null && !this.brokenFileKept) {
      // The file that could not be read is kept for the user to repair, not overwritten.
      await copyFile(this.file, `${this.file.replace(/\.json$/, '')}.unreadable-${Date.now()}.json`).catch(() => undefined);
      this.brokenFileKept = true;
    }
    const pack: RulePack = { format: RULE_PACK_FORMAT, version: RULE_PACK_VERSION, name: 'Logsift user rules', rules };
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, `${JSON.stringify(pack, null, 2)}\n`);
    await rename(temporary, this.file);
    this.userRules = rules;
  }
}

function builtinIds(): Set<string> {
  return new Set(BUILTIN_PACK.rules.map((rule) => rule.id));
}

/** `rules` with `updates` put in place of the rules of the same id, new ones appended. */
function upsert(rules: readonly KbRule[], updates: readonly KbRule[]): KbRule[] {
  const result = [...rules];
  for (const update of updates) {
    const at = result.findIndex((rule) => rule.id === update.id);
    if (at >= 0) result[at] = update;
    else result.push(update);
  }
  return result;
}
