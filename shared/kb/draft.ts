/**
 * A user rule drafted from one entry ("Mark as benign…"): the entry's provider and event ID, and
 * a suggested pattern the user can widen or narrow before saving.
 */
import type { ParsedEvent } from '../model/log-event';
import { collapseWhitespace } from './matcher';
import type { KbRuleInput } from './rule-schema';

export interface DraftSource {
  provider: string | null;
  eventId: number | null;
  message: string;
  data: ParsedEvent['data'];
  file?: string;
}

/** Messages .evtx/.evt entries get when no text for them is known (see formats/messages). */
const NOT_AVAILABLE = /^Message not available\b/;
/** The suggested message pattern: the first sentence, up to this many characters. */
const PATTERN_CHARS = 100;

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'entry'
  );
}

/** The first sentence of the message (whitespace collapsed), cut at a word. */
function firstSentence(message: string): string {
  const text = collapseWhitespace(message);
  const end = text.search(/[.!?](\s|$)/);
  let sentence = end > 0 ? text.slice(0, end + 1) : text;
  if (sentence.length > PATTERN_CHARS) sentence = sentence.slice(0, PATTERN_CHARS).replace(/\s+\S*$/, '');
  return sentence;
}

/** A rule id not in `taken`: user-<provider>-<event id>[-n]. */
export function draftRuleId(source: Pick<DraftSource, 'provider' | 'eventId'>, taken: ReadonlySet<string>): string {
  const base = `user-${slug(source.provider ?? 'any')}${source.eventId === null ? '' : `-${source.eventId}`}`.slice(0, 72);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Drafts a benign, hiding rule that matches `source` and entries like it. */
export function draftRule(source: DraftSource, taken: ReadonlySet<string>, today = new Date()): KbRuleInput {
  const match: KbRuleInput['match'] = {};
  if (source.provider) match.providers = [source.provider];
  if (source.eventId !== null) match.eventIds = [source.eventId & 0xffff];
  const firstString = Array.isArray(source.data) ? source.data[0] : source.data ? Object.values(source.data)[0] : undefined;
  if (NOT_AVAILABLE.test(source.message) && firstString !== undefined && firstString !== '') {
    // No message text to go by: the first insertion string is the most telling part.
    match.data = [{ field: '%1', pattern: `^${escapeRegex(collapseWhitespace(firstString))}$` }];
  } else if (source.message.trim() !== '') {
    match.message = escapeRegex(firstSentence(source.message));
  }
  if (Object.keys(match).length === 0) match.message = '.';
  const what = [source.provider, source.eventId].filter((part) => part !== null && part !== '').join(' ');
  return {
    id: draftRuleId(source, taken),
    title: `${what || 'Entries'}: ${firstSentence(source.message).slice(0, 120) || 'marked benign'}`,
    match,
    verdict: 'benign',
    hide: true,
    explanation: `Marked as benign by hand on ${today.toISOString().slice(0, 10)}${source.file ? ` from an entry of ${source.file}` : ''}.`,
    references: [],
    products: [],
    enabled: true,
  };
}
