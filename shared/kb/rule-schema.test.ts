import { describe, expect, it } from 'vitest';
import { parseRule, parseRulePack, RULE_PACK_FORMAT, RULE_PACK_VERSION, RulePackError } from './rule-schema';

const rule = {
  id: 'exchange-mta-9221-test',
  title: 'Connection reset',
  match: { providers: 'MSExchangeMTA', eventIds: [9221], message: 'sockets error 10054' },
  verdict: 'benign',
  hide: true,
  explanation: 'Harmless.',
  references: [{ label: 'Microsoft KB Q169143', url: 'https://jeffpar.github.io/kbarchive/kb/169/Q169143/' }],
};
const pack = (rules: unknown[]) => ({ format: RULE_PACK_FORMAT, version: RULE_PACK_VERSION, name: 'test pack', rules });

function problems(input: unknown): string[] {
  try {
    parseRulePack(input, 'test.json');
  } catch (error) {
    if (error instanceof RulePackError) return error.problems;
    throw error;
  }
  return [];
}

describe('rule packs', () => {
  it('accept a well-formed pack and fill in defaults', () => {
    const parsed = parseRulePack(pack([rule]), 'test.json');
    expect(parsed.rules[0]).toMatchObject({ id: rule.id, enabled: true, products: [], hide: true });
  });

  it('name the exact field and reason of a malformed rule', () => {
    expect(problems(pack([rule, { ...rule, id: 'second', match: { eventIds: [70000] } }]))).toEqual([
      'rules[1].match.eventIds[0] (rule "second"): must be at most 65535',
    ]);
    expect(problems(pack([{ ...rule, match: { message: 'sockets error (10054' } }]))[0]).toMatch(
      /^rules\[0\]\.match\.message \(rule "exchange-mta-9221-test"\): is not a valid regular expression/,
    );
    expect(problems(pack([{ ...rule, verdict: 'harmless' }]))[0]).toMatch(/^rules\[0\]\.verdict \(rule "exchange-mta-9221-test"\): Invalid option/);
    expect(problems(pack([{ ...rule, match: {} }]))).toEqual(['rules[0].match (rule "exchange-mta-9221-test"): must state at least one condition']);
    expect(problems(pack([{ ...rule, colour: 'red' }]))[0]).toMatch(/^rules\[0\] \(rule "exchange-mta-9221-test"\): Unrecognized key.*colour/);
    expect(problems(pack([{ ...rule, references: [{ label: 'x', url: 'javascript:alert(1)' }] }]))).toEqual([
      'rules[0].references[0].url (rule "exchange-mta-9221-test"): must be an http(s) URL',
    ]);
  });

  it('reject the wrong format or version, bad JSON, duplicate ids, hiding look-alikes and unknown escalations', () => {
    expect(problems({ ...pack([rule]), version: 2 })).toEqual(['version: must be 1 (the rule format this Logsift reads)']);
    expect(problems('{"format":')[0]).toMatch(/^not valid JSON/);
    expect(problems(pack([rule, rule]))).toEqual(['rules[1].id: "exchange-mta-9221-test" is used by an earlier rule in this pack']);
    expect(problems(pack([{ ...rule, verdict: 'attention' }]))).toEqual([
      'rules[0].hide (rule "exchange-mta-9221-test"): a "attention" rule must not hide what it matches',
    ]);
    expect(problems(pack([{ ...rule, escalate: { rules: ['nope'], minutes: 60, reason: 'x' } }]))).toEqual([
      'rules[0].escalate.rules[0] (rule "exchange-mta-9221-test"): no rule has the id "nope"',
    ]);
  });

  it('say which pack failed in the error message', () => {
    expect(() => parseRule({ ...rule, id: 'Bad Id' })).toThrow('rule: rules[0].id (rule "Bad Id"): must be 2–80 lower-case letters, digits, dots or dashes');
  });
});
