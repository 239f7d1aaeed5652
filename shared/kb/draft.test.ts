import { describe, expect, it } from 'vitest';
import { draftRule } from './draft';
import { KbMatcher } from './matcher';
import { parseRule } from './rule-schema';

describe('draftRule', () => {
  const today = new Date('2026-11-26T12:00:00Z');

  it('drafts a valid benign rule that matches the entry it came from, and not others', () => {
    const source = {
      provider: 'MSExchangeMTA',
      eventId: 9221,
      message: 'A sockets error 10054 on a WSARecvEx() call was detected. The MTA will attempt to recover.',
      data: null,
    };
    const draft = draftRule(source, new Set(['user-msexchangemta-9221']), today);
    expect(draft).toMatchObject({ id: 'user-msexchangemta-9221-2', verdict: 'benign', hide: true });
    expect(draft.match).toEqual({ providers: ['MSExchangeMTA'], eventIds: [9221], message: 'A sockets error 10054 on a WSARecvEx\\(\\) call was detected\\.' });
    const matcher = new KbMatcher([{ rule: parseRule(draft), origin: 'user' }]);
    expect(matcher.classify({ ...source, level: 'warning', channel: null })?.rule.id).toBe(draft.id);
    expect(matcher.classify({ ...source, message: source.message.replace('10054', '10061'), level: 'warning', channel: null })).toBeUndefined();
  });

  it('uses the first insertion string when the message text is not available', () => {
    const draft = draftRule({ provider: 'X', eventId: 1, message: 'Message not available — insertion strings: a.b; c', data: ['a.b', 'c'] }, new Set(), today);
    expect(draft.match).toEqual({ providers: ['X'], eventIds: [1], data: [{ field: '%1', pattern: '^a\\.b$' }] });
  });
});
