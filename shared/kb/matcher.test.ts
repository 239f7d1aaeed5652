import { describe, expect, it } from 'vitest';
import { KbMatcher, type KbEvent } from './matcher';
import { parseRule, type KbRuleInput } from './rule-schema';

function rule(id: string, match: KbRuleInput['match'], extra: Partial<KbRuleInput> = {}) {
  return parseRule({ id, title: id, match, verdict: 'benign', hide: true, explanation: 'x', ...extra });
}

const event = (over: Partial<KbEvent>): KbEvent => ({
  provider: 'MSExchangeMTA',
  eventId: 9221,
  level: 'warning',
  channel: 'Application',
  message: '',
  data: null,
  ...over,
});

describe('KbMatcher', () => {
  const benign = rule('reset', [
    { providers: 'msexchangemta', eventIds: 9221, message: 'sockets error (?:10054|0x2746) on a WSARecvEx\\(\\) call' },
    { providers: 'MSExchangeMTA', eventIds: 9221, data: [{ field: '%1', pattern: '^(?:10054|0x2746)$' }] },
  ]);
  const attention = rule('reset-attention', { providers: 'MSExchangeMTA', eventIds: 9221, message: 'WSARecvEx', levels: ['error'] }, { verdict: 'attention', hide: false });
  const matcher = new KbMatcher([
    { rule: benign, origin: 'builtin' },
    { rule: attention, origin: 'builtin' },
  ]);

  it('matches the rendered message with its line breaks collapsed, case-insensitively', () => {
    const message = 'A sockets error 10054 on a\r\n   WSARecvEx() call was detected.';
    expect(matcher.classify(event({ message }))?.rule.id).toBe('reset');
    expect(matcher.classify(event({ message, provider: 'msexchangeMTA' }))?.rule.id).toBe('reset');
  });

  it('matches insertion strings by position, in arrays and in named data', () => {
    expect(matcher.classify(event({ message: 'Message not available', data: ['10054', '1'] }))?.rule.id).toBe('reset');
    expect(matcher.classify(event({ message: 'Message not available', data: { '%1': '0x2746' } }))?.rule.id).toBe('reset');
    expect(matcher.classify(event({ message: 'Message not available', data: ['10061', '1'] }))).toBeUndefined();
  });

  it('keys on the low 16 bits of the event ID and on the provider', () => {
    expect(matcher.classify(event({ eventId: 0x40000000 + 9221, data: ['10054'] }))?.rule.id).toBe('reset');
    expect(matcher.classify(event({ provider: 'MSExchangeIS', data: ['10054'] }))).toBeUndefined();
    expect(matcher.classify(event({ eventId: 9222, data: ['10054'] }))).toBeUndefined();
  });

  it('lets the more cautious verdict win, and user rules win over built-in ones', () => {
    const message = 'A sockets error 10054 on a WSARecvEx() call was detected.';
    expect(matcher.classify(event({ message, level: 'error' }))?.rule.id).toBe('reset-attention');
    const mine = rule('mine', { providers: 'MSExchangeMTA', eventIds: 9221 }, { verdict: 'noise' });
    const withUser = new KbMatcher([...matcher.rules, { rule: mine, origin: 'user' }]);
    expect(withUser.classify(event({ message, level: 'error' }))?.rule.id).toBe('mine');
  });

  it('skips disabled rules, and applies rules without provider or event ID to text-log lines only', () => {
    const off = new KbMatcher([{ rule: { ...benign, enabled: false }, origin: 'builtin' }]);
    expect(off.classify(event({ data: ['10054'] }))).toBeUndefined();
    const text = new KbMatcher([{ rule: rule('idle', { message: '\\bTimer_ConnectionIdle\\s*$' }), origin: 'builtin' }]);
    expect(text.classify(event({ provider: null, eventId: null, message: '2024-01-01 00:00:00 1.2.3.4 80 - - Timer_ConnectionIdle ' }))?.rule.id).toBe('idle');
    expect(text.classify(event({ message: 'reason: Timer_ConnectionIdle' }))).toBeUndefined();
  });
});

describe('requiredLiteral', () => {
  it('finds the literal a pattern starts with, and gives up on alternatives and short text', async () => {
    const { requiredLiteral } = await import('./matcher');
    expect(requiredLiteral('Unexpected TCP\\/IP error (?:10058|10053)')).toBe('unexpected tcp/ip error ');
    expect(requiredLiteral('^sockets error 10054 on a WSARecvEx\\(\\) call')).toBe('sockets error 10054 on a wsarecvex() call');
    expect(requiredLiteral('colou?r is')).toBe('colo');
    expect(requiredLiteral('a|b long text')).toBeUndefined();
    expect(requiredLiteral('\\d+ items')).toBeUndefined();
    expect(requiredLiteral('abc')).toBeUndefined();
  });
});
