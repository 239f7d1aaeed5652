/** The knowledge base as the UI and the CLI see it: what a rule decided about one entry. */
import type { KbRule, Verdict } from '../kb/rule-schema';
import type { RuleOrigin } from '../kb/matcher';

/**
 * Why a rule's entries are shown although the rule hides them: more of them than its burst
 * guard allows ('volume'), or next to entries its escalation names ('escalated').
 */
export type KbFlag = 'volume' | 'escalated';

export interface EventKb {
  /** The id of the rule that matched. */
  rule: string;
  verdict: Verdict;
  /** Hidden from the grid unless the user shows hidden entries. */
  hidden: boolean;
  flag: KbFlag | null;
}

/** A rule in force, with how many loaded entries it matched and hid. */
export interface KbRuleInfo {
  rule: KbRule;
  origin: RuleOrigin;
  /** A user rule that replaces the built-in rule of the same id. */
  overridesBuiltin: boolean;
  matched: number;
  hidden: number;
}

export interface KbState {
  rules: KbRuleInfo[];
  /** Why the saved user rules could not be used (the built-in KB still applies), or null. */
  userRulesProblem: string | null;
  /** True while loaded entries are being classified again after a rule change. */
  reclassifying: boolean;
}

/** What `--jsonl` and exports say about an entry's classification. */
export interface KbVerdictRecord {
  rule: string;
  verdict: Verdict;
  hidden: boolean;
  reason: string;
}

/** The reason shown for a classified entry: the rule's title, and why it is shown if flagged. */
export function kbReason(rule: Pick<KbRule, 'title' | 'burst' | 'escalate'>, flag: KbFlag | null): string {
  if (flag === 'volume' && rule.burst) return `${rule.title} — shown: unusual volume (more than ${rule.burst.max} in ${rule.burst.minutes} min from one computer)`;
  if (flag === 'escalated' && rule.escalate) return `${rule.title} — shown: ${rule.escalate.reason}`;
  return rule.title;
}
