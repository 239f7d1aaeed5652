/**
 * Classifies entries against the KB rules. Rules are indexed by provider and event ID, so an
 * entry is only tested against the few rules that could apply to it; regexes run on the message
 * with whitespace collapsed (exports wrap lines) and on insertion strings / event data (.evtx and
 * .evt hold those, not the rendered text).
 *
 * When several rules match, user rules win over built-in ones (the user knows their network),
 * then the more cautious verdict wins: attention, known issue, benign, noise — so a look-alike
 * that must be surfaced is never hidden by the benign rule it resembles.
 */
import type { ParsedEvent } from '../model/log-event';
import type { Severity } from '../model/severity';
import type { DataCondition, KbRule, RuleMatch, Verdict } from './rule-schema';

/** The parts of an entry rules look at. */
export interface KbEvent {
  provider: string | null;
  eventId: number | null;
  level: Severity;
  channel: string | null;
  message: string;
  data: ParsedEvent['data'];
}

export type RuleOrigin = 'builtin' | 'user';

export interface RuleEntry {
  rule: KbRule;
  origin: RuleOrigin;
}

const VERDICT_RANK: Readonly<Record<Verdict, number>> = { attention: 0, 'known-issue': 1, benign: 2, noise: 3 };

interface CompiledCondition {
  field: string | undefined;
  /** 0-based insertion-string position for `%n` fields, else -1. */
  position: number;
  regex: RegExp;
}

interface CompiledMatch {
  levels: ReadonlySet<Severity> | undefined;
  channels: ReadonlySet<string> | undefined;
  message: RegExp | undefined;
  /** Lower-cased text every match of `message` contains: a cheap test before the regex. */
  messageLiteral: string | undefined;
  data: readonly CompiledCondition[];
}

interface CompiledRule {
  entry: RuleEntry;
  /** Lower wins. */
  rank: number;
  alternatives: readonly CompiledMatch[];
}

/** Collapses every run of whitespace (line breaks included) to one space. */
export function collapseWhitespace(text: string): string {
  // Most messages are one line with single spaces: testing is much cheaper than rebuilding them.
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Whitespace other than single inner spaces. */
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;

function list<T>(value: T | T[] | undefined): T[] | undefined {
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

function compileCondition(condition: DataCondition): CompiledCondition {
  const positional = condition.field ? /^%(\d{1,3})$/.exec(condition.field) : null;
  return {
    field: condition.field,
    position: positional ? Number(positional[1]) - 1 : -1,
    regex: new RegExp(condition.pattern, 'is'),
  };
}

function compileMatch(match: RuleMatch): CompiledMatch {
  const levels = list(match.levels);
  const channels = list(match.channels);
  return {
    levels: levels && new Set(levels),
    channels: channels && new Set(channels.map((channel) => channel.toLowerCase())),
    message: match.message === undefined ? undefined : new RegExp(match.message, 'is'),
    messageLiteral: match.message === undefined ? undefined : requiredLiteral(match.message),
    data: (match.data ?? []).map(compileCondition),
  };
}

function isList(data: NonNullable<ParsedEvent['data']>): data is readonly string[] {
  return Array.isArray(data);
}

const ESCAPED_LITERALS = new Set([...'()[]{}.*+?^$|/\\-:,=@#<>\'"_ ']);
const PLAIN = /[A-Za-z0-9 /\-:,=@#<>'"_]/;

/**
 * The literal text a pattern starts with (after an optional ^), lower-cased, when it has no
 * top-level alternative; at least 4 characters, else undefined. "Unexpected TCP\/IP error (?:…)"
 * gives "unexpected tcp/ip error ": a message without it cannot match.
 */
export function requiredLiteral(source: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) return undefined;
  }
  let literal = '';
  let i = source.startsWith('^') ? 1 : 0;
  while (i < source.length) {
    const c = source[i] as string;
    let next: string;
    if (c === '\\' && ESCAPED_LITERALS.has(source[i + 1] ?? '')) {
      next = source[i + 1] as string;
      i += 2;
    } else if (PLAIN.test(c)) {
      next = c;
      i += 1;
    } else break;
    // A quantifier makes the character before it optional or repeated: stop before it.
    const after = source[i];
    if (after !== undefined && '?*+{'.includes(after)) break;
    literal += next;
  }
  return literal.length >= 4 ? literal.toLowerCase() : undefined;
}

/** The values of a data field condition: one field, or every field when none is named. */
function fieldValues(data: ParsedEvent['data'], condition: CompiledCondition): readonly string[] {
  if (data === null) return [];
  if (isList(data)) {
    if (condition.field === undefined) return data;
    return condition.position >= 0 && condition.position < data.length ? [data[condition.position] as string] : [];
  }
  const values = Object.values(data);
  if (condition.field === undefined) return values;
  const exact = Object.hasOwn(data, condition.field) ? data[condition.field] : undefined;
  if (exact !== undefined) return [exact];
  // `%n` on named data: the n-th field (named payload fields come first, in record order).
  if (condition.position >= 0) return condition.position < values.length ? [values[condition.position] as string] : [];
  const wanted = condition.field.toLowerCase();
  for (const [name, value] of Object.entries(data)) if (name.toLowerCase() === wanted) return [value];
  return [];
}

/** One entry being classified: its normalised message is worked out once, when a rule asks. */
class Candidate {
  private collapsed: string | undefined;
  private lowered: string | undefined;

  constructor(readonly event: KbEvent) {}

  get message(): string {
    return (this.collapsed ??= collapseWhitespace(this.event.message));
  }

  get lowerMessage(): string {
    return (this.lowered ??= this.message.toLowerCase());
  }
}

function matches(candidate: Candidate, match: CompiledMatch): boolean {
  const { event } = candidate;
  if (match.levels && !match.levels.has(event.level)) return false;
  if (match.channels && (event.channel === null || !match.channels.has(event.channel.toLowerCase()))) return false;
  if (match.messageLiteral !== undefined && !candidate.lowerMessage.includes(match.messageLiteral)) return false;
  if (match.message && !match.message.test(candidate.message)) return false;
  for (const condition of match.data) {
    if (!fieldValues(event.data, condition).some((value) => condition.regex.test(collapseWhitespace(value)))) return false;
  }
  return true;
}

const ANY = '*';

/**
 * What an entry needs for some rule to apply to it: `provider#eventId` (provider lower-cased,
 * event ID's low 16 bits) among `pairs`, its provider among `providers`, its event ID among
 * `eventIds`, or — entries without a provider — its message containing one of `literals` (any
 * case), or anything at all when `everyTextLine`.
 */
export interface KbCandidates {
  pairs: string[];
  providers: string[];
  eventIds: number[];
  literals: string[];
  everyTextLine: boolean;
}

/** The rules in force, indexed for classification. */
export class KbMatcher {
  private readonly index = new Map<string, CompiledRule[]>();
  private readonly unindexed: CompiledRule[] = [];
  readonly rules: readonly RuleEntry[];

  constructor(entries: readonly RuleEntry[]) {
    this.rules = entries;
    entries.forEach((entry, order) => {
      const { rule } = entry;
      if (!rule.enabled) return;
      const rank = (entry.origin === 'user' ? 0 : 1) * 1e9 + VERDICT_RANK[rule.verdict] * 1e7 + order;
      // Each alternative is indexed on its own, so the keys stay exact.
      for (const match of list(rule.match) ?? []) {
        const compiled: CompiledRule = { entry, rank, alternatives: [compileMatch(match)] };
        const providers = list(match.providers)?.map((provider) => provider.toLowerCase()) ?? [ANY];
        const eventIds = list(match.eventIds)?.map(String) ?? [ANY];
        if (providers[0] === ANY && eventIds[0] === ANY) {
          this.unindexed.push(compiled);
          continue;
        }
        for (const provider of providers) for (const eventId of eventIds) this.add(`${provider}#${eventId}`, compiled);
      }
    });
  }

  private add(key: string, rule: CompiledRule): void {
    const bucket = this.index.get(key);
    if (bucket) bucket.push(rule);
    else this.index.set(key, [rule]);
  }

  /** The rule that applies to `event`, or undefined. Runs for every entry at ingest: kept lean. */
  classify(event: KbEvent): RuleEntry | undefined {
    const provider = event.provider === null ? ANY : event.provider.toLowerCase();
    const eventId = event.eventId === null ? ANY : String(event.eventId & 0xffff);
    const exact = provider !== ANY && eventId !== ANY ? this.index.get(`${provider}#${eventId}`) : undefined;
    const byProvider = provider !== ANY ? this.index.get(`${provider}#${ANY}`) : undefined;
    const byEventId = eventId !== ANY ? this.index.get(`${ANY}#${eventId}`) : undefined;
    // Rules that name neither provider nor event ID are for text-log lines, which have no provider.
    const unindexed = provider === ANY && this.unindexed.length > 0 ? this.unindexed : undefined;
    if (!exact && !byProvider && !byEventId && !unindexed) return undefined;
    const candidate = new Candidate(event);
    let best: CompiledRule | undefined;
    for (const rules of [exact, byProvider, byEventId, unindexed]) {
      if (!rules) continue;
      for (const rule of rules) {
        if (best && rule.rank >= best.rank) continue;
        if (rule.alternatives.some((match) => matches(candidate, match))) best = rule;
      }
    }
    return best?.entry;
  }

  /** What an entry needs for any rule to apply (see KbCandidates): stores skip the rest when classifying again. */
  candidates(): KbCandidates {
    const pairs: string[] = [];
    const providers: string[] = [];
    const eventIds: number[] = [];
    for (const key of this.index.keys()) {
      const [provider, eventId] = key.split('#') as [string, string];
      if (provider === ANY) eventIds.push(Number(eventId));
      else if (eventId === ANY) providers.push(provider);
      else pairs.push(key);
    }
    const literals = this.unindexed.flatMap((rule) => rule.alternatives.map((match) => match.messageLiteral));
    const everyTextLine = literals.some((literal) => literal === undefined);
    return { pairs, providers, eventIds, literals: literals.filter((l): l is string => l !== undefined), everyTextLine };
  }

  /** A rule by id. */
  rule(id: string): RuleEntry | undefined {
    return this.rules.find((entry) => entry.rule.id === id);
  }
}
