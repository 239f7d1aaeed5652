/**
 * The knowledge-base rule format: a versioned, schema-checked JSON "rule pack". The built-in KB
 * and users' own rules use the same format; a pack that does not validate is rejected as a whole
 * with the exact field and reason, and never affects any other pack.
 */
import { z } from 'zod';
import { SEVERITIES } from '../model/severity';

export const RULE_PACK_FORMAT = 'logsift-kb-rules';
export const RULE_PACK_VERSION = 1;

/** What a rule says about the entries it matches. */
export const VERDICTS = ['benign', 'noise', 'known-issue', 'attention'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  benign: 'Known benign',
  noise: 'Noise',
  'known-issue': 'Known issue',
  attention: 'Needs attention',
};

/** A regular expression as text; checked to compile (case-insensitive, dot matches newline). */
const pattern = z
  .string()
  .min(1, 'must not be empty')
  .max(2000, 'is longer than 2,000 characters')
  .superRefine((source, context) => {
    try {
      new RegExp(source, 'is');
    } catch (error) {
      context.addIssue({ code: 'custom', message: `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})` });
    }
  });

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1, 'must list at least one value')]);

/** A condition on an insertion string / event-data field. */
export const DataConditionSchema = z.strictObject({
  /** A field name (`<Data Name>`), or `%1`, `%2`… for the n-th insertion string; absent: any field. */
  field: nonEmpty.optional(),
  /** Regex the field's value must match. */
  pattern,
});

/**
 * What an entry must hold for the rule to apply; every stated condition must hold. A condition set
 * that names neither providers nor event IDs applies to text-log lines only (entries without a
 * provider): Windows events are always matched by provider or event ID.
 */
export const MatchSchema = z
  .strictObject({
    /** Provider / source names, compared case-insensitively. */
    providers: oneOrMany(nonEmpty).optional(),
    /** Event IDs (the low 16 bits, as Event Viewer shows them). */
    eventIds: oneOrMany(z.number().int('must be a whole number').min(0).max(0xffff, 'must be at most 65535')).optional(),
    levels: oneOrMany(z.enum(SEVERITIES)).optional(),
    /** Channel / log names (Application, System…), case-insensitive. */
    channels: oneOrMany(nonEmpty).optional(),
    /** Regex on the message with every run of whitespace collapsed to one space. */
    message: pattern.optional(),
    /** Conditions on insertion strings / event data (all must hold). */
    data: z.array(DataConditionSchema).min(1, 'must list at least one condition').optional(),
  })
  .refine((match) => Object.values(match).some((value) => value !== undefined), 'must state at least one condition');

export const ReferenceSchema = z.strictObject({
  /** What to call it: "Microsoft KB Q169143". */
  label: nonEmpty,
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});

export const RuleSchema = z.strictObject({
  /** Stable id: lower-case words joined by dashes ("exchange-mta-9221-connection-reset"). */
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,79}$/, 'must be 2–80 lower-case letters, digits, dots or dashes'),
  title: nonEmpty.max(200),
  /** One condition set, or alternatives (the rule applies when any of them holds). */
  match: z.union([MatchSchema, z.array(MatchSchema).min(1, 'must list at least one alternative')]),
  verdict: z.enum(VERDICTS),
  /** Shown instead of the entry's own level (colour, filters, counts). */
  severity: z.enum(SEVERITIES).optional(),
  /** Hidden from the grid by default (benign and noise only; hidden entries stay counted). */
  hide: z.boolean().default(false),
  /** Why, in plain words: shown in the detail view and as the hidden-row reason. */
  explanation: nonEmpty.max(4000),
  references: z.array(ReferenceSchema).default([]),
  /** Products / versions the rule is known to apply to. */
  products: z.array(nonEmpty).default([]),
  /**
   * Burst guard: above `max` matches within `minutes` from one computer, the entries are shown
   * and flagged "unusual volume" instead of hidden.
   */
  burst: z.strictObject({ max: z.number().int().min(1), minutes: z.number().int().min(1).max(1440) }).optional(),
  /**
   * Escalation: when an entry matched by one of `rules` (by id) is within `minutes` of this one
   * on the same computer, this entry is shown and flagged instead of hidden (e.g. connection
   * resets next to a link that keeps failing).
   */
  escalate: z
    .strictObject({ rules: z.array(nonEmpty).min(1), minutes: z.number().int().min(1).max(1440), reason: nonEmpty.max(1000) })
    .optional(),
  enabled: z.boolean().default(true),
});

export const RulePackSchema = z.strictObject({
  format: z.literal(RULE_PACK_FORMAT, { error: `must be "${RULE_PACK_FORMAT}"` }),
  version: z.literal(RULE_PACK_VERSION, { error: `must be ${RULE_PACK_VERSION} (the rule format this Logsift reads)` }),
  name: nonEmpty.max(200),
  rules: z.array(RuleSchema),
});

export type DataCondition = z.infer<typeof DataConditionSchema>;
export type RuleMatch = z.infer<typeof MatchSchema>;
export type KbReference = z.infer<typeof ReferenceSchema>;
/** A rule as written (defaults may be left out). */
export type KbRuleInput = z.input<typeof RuleSchema>;
/** A rule once validated (defaults filled in). */
export type KbRule = z.infer<typeof RuleSchema>;
export type RulePack = z.infer<typeof RulePackSchema>;

/** A rule pack that failed validation: `message` names the pack, the field and the reason. */
export class RulePackError extends Error {
  constructor(
    readonly packName: string,
    readonly problems: string[],
  ) {
    super(`${packName}: ${problems[0] ?? 'invalid'}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`);
    this.name = 'RulePackError';
  }
}

/** `rules[3].match.eventIds[0]` style path of a validation issue. */
function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || '(the pack)';
}

interface Problem {
  path: PropertyKey[];
  message: string;
}

/**
 * Issues with "one of" (a value or a list; one condition set or several) explained by the branch
 * the value was meant for — the one whose type it has — so the message points at the exact field.
 */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
    const fitting = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
    if (fitting.length === 0) {
      const expected = issue.errors.flatMap((branch) => branch.map((inner) => (inner.code === 'invalid_type' ? inner.expected : undefined)));
      const names = [...new Set(expected.filter((name): name is string => typeof name === 'string'))];
      return [{ path, message: names.length > 0 ? `must be ${names.join(' or ')}` : issue.message }];
    }
    return flatten(fitting[0]!, path);
  });
}

/** The problems zod found, one line each, with the rule id where there is one. */
function describeIssues(error: z.ZodError, input: unknown): string[] {
  return flatten(error.issues, []).map((issue) => {
    const [first, index] = issue.path;
    const rules = (input as { rules?: unknown[] } | null)?.rules;
    const id = first === 'rules' && typeof index === 'number' && Array.isArray(rules) ? (rules[index] as { id?: unknown } | undefined)?.id : undefined;
    const where = pathText(issue.path) + (typeof id === 'string' ? ` (rule "${id}")` : '');
    return `${where}: ${issue.message}`;
  });
}

/** Problems across rules that the schema cannot see: duplicate ids, escalations to unknown rules. */
function crossRuleProblems(pack: RulePack, knownIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  pack.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) problems.push(`rules[${i}].id: "${rule.id}" is used by an earlier rule in this pack`);
    seen.add(rule.id);
  });
  pack.rules.forEach((rule, i) => {
    if (rule.hide && (rule.verdict === 'attention' || rule.verdict === 'known-issue')) {
      problems.push(`rules[${i}].hide (rule "${rule.id}"): a "${rule.verdict}" rule must not hide what it matches`);
    }
    rule.escalate?.rules.forEach((other, k) => {
      if (!seen.has(other) && !knownIds.has(other)) problems.push(`rules[${i}].escalate.rules[${k}] (rule "${rule.id}"): no rule has the id "${other}"`);
    });
  });
  return problems;
}

/**
 * Validates a rule pack (parsed JSON or its text). Throws RulePackError naming the exact field
 * and reason of every problem. `knownIds`: rule ids of other packs that escalations may name.
 */
export function parseRulePack(input: unknown, packName: string, knownIds: ReadonlySet<string> = new Set()): RulePack {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new RulePackError(packName, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
    }
  }
  const result = RulePackSchema.safeParse(value);
  if (!result.success) throw new RulePackError(packName, describeIssues(result.error, value));
  const problems = crossRuleProblems(result.data, knownIds);
  if (problems.length > 0) throw new RulePackError(packName, problems);
  return result.data;
}

/** Validates one rule on its own (the rule editor); throws RulePackError like parseRulePack. */
export function parseRule(input: unknown, knownIds: ReadonlySet<string> = new Set()): KbRule {
  const pack = parseRulePack({ format: RULE_PACK_FORMAT, version: RULE_PACK_VERSION, name: 'rule', rules: [input] }, 'rule', knownIds);
  return pack.rules[0]!;
}
