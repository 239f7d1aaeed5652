/**
 * Golden tests for the built-in KB rule pack: the pack validates, every rule carries references
 * and examples, and every rule classifies its own positive examples — and none of its negative
 * look-alikes — exactly as the matcher will in the app.
 */
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../model/severity';
import { KbMatcher, type KbEvent } from './matcher';
import { parseRulePack } from './rule-schema';
import examples from './builtin-examples.json';
import pack from './builtin-rules.json';

interface RuleExamples {
  positive: KbEvent[];
  negative: KbEvent[];
}

const parsed = parseRulePack(pack, 'builtin-rules.json');
const matcher = new KbMatcher(parsed.rules.map((rule) => ({ rule, origin: 'builtin' as const })));
const golden = examples as unknown as Record<string, RuleExamples>;
const ruleIds = parsed.rules.map((rule) => rule.id);

const FOUNDING = 'exchange-mta-9221-connection-reset';

/** The id of the rule that wins for `event`, or undefined. */
function classify(event: KbEvent): string | undefined {
  return matcher.classify(event)?.rule.id;
}

function mta9221(message: string, data: KbEvent['data'] = null): KbEvent {
  return { provider: 'MSExchangeMTA', eventId: 9221, level: 'warning', channel: 'Application', message, data };
}

const rendered = (error: string): string =>
  `A sockets error ${error} on a WSARecvEx() call was detected. The MTA will attempt to recover the sockets connection. Control block index: 1. [BASE IL TCP/IP DRVR 10 262] (12)`;

describe('built-in KB rule pack', () => {
  it('validates and holds at least 35 rules', () => {
    expect(pack.format).toBe('logsift-kb-rules');
    expect(parsed.rules.length).toBeGreaterThanOrEqual(35);
  });

  it('uses unique, descriptive lower-case ids', () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const id of ruleIds) expect(id).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)+$/);
  });

  it('gives every rule at least one reference, an explanation and products', () => {
    for (const rule of parsed.rules) {
      expect(rule.references.length, rule.id).toBeGreaterThanOrEqual(1);
      expect(rule.explanation.length, rule.id).toBeGreaterThan(80);
      expect(rule.products.length, rule.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('hides only benign or noise entries', () => {
    for (const rule of parsed.rules.filter((r) => r.hide)) expect(['benign', 'noise'], rule.id).toContain(rule.verdict);
  });

  it('keys every condition set on providers or event IDs, except message-only text-log rules', () => {
    for (const rule of parsed.rules) {
      const alternatives = Array.isArray(rule.match) ? rule.match : [rule.match];
      for (const match of alternatives) {
        if (match.providers === undefined && match.eventIds === undefined) expect(match.message, rule.id).toBeDefined();
      }
      expect(
        alternatives.some((match) => match.providers !== undefined || match.eventIds !== undefined),
        `${rule.id} has no provider / event ID alternative`,
      ).toBe(true);
    }
  });

  it('escalates only to rules in the pack', () => {
    for (const rule of parsed.rules) for (const other of rule.escalate?.rules ?? []) expect(ruleIds, rule.id).toContain(other);
  });

  it('has examples with a positive and a negative for every rule, and no examples for unknown rules', () => {
    for (const id of ruleIds) {
      expect(golden[id], id).toBeDefined();
      expect(golden[id]!.positive.length, id).toBeGreaterThanOrEqual(1);
      expect(golden[id]!.negative.length, id).toBeGreaterThanOrEqual(1);
    }
    for (const id of Object.keys(golden)) expect(ruleIds).toContain(id);
  });

  it('writes examples as KbEvents', () => {
    for (const [id, { positive, negative }] of Object.entries(golden)) {
      for (const event of [...positive, ...negative]) {
        expect(SEVERITIES, id).toContain(event.level);
        expect(typeof event.message, id).toBe('string');
        expect(event.provider === null || typeof event.provider === 'string', id).toBe(true);
        expect(event.eventId === null || Number.isInteger(event.eventId), id).toBe(true);
      }
    }
  });
});

describe('golden examples: each rule classifies its positives and none of its negatives', () => {
  for (const id of ruleIds) {
    it(id, () => {
      const { positive, negative } = golden[id] ?? { positive: [], negative: [] };
      for (const event of positive) expect(classify(event), `positive: ${event.message}`).toBe(id);
      for (const event of negative) expect(classify(event), `negative: ${event.message}`).not.toBe(id);
    });
  }
});

describe('founding case: MSExchangeMTA 9221, sockets error 10054 on WSARecvEx() (Q169143)', () => {
  const rule = parsed.rules.find((r) => r.id === FOUNDING)!;

  it('is benign, hidden, keeps the entry level, and carries Q169143, a burst guard and the Q162674 escalation', () => {
    expect(rule.verdict).toBe('benign');
    expect(rule.hide).toBe(true);
    expect(rule.severity).toBeUndefined();
    expect(rule.references.map((reference) => reference.url)).toContain('https://jeffpar.github.io/kbarchive/kb/169/Q169143/');
    expect(rule.products).toEqual(['Exchange Server 4.0', 'Exchange Server 5.0', 'Exchange Server 5.5']);
    expect(rule.burst).toEqual({ max: 30, minutes: 10 });
    expect(rule.escalate?.rules).toEqual(['exchange-mta-9215-connect-failure', 'exchange-mta-9318-rpc-bind-1722']);
    expect(rule.escalate?.reason).toContain('Q162674');
  });

  const shapes: Array<[string, KbEvent]> = [
    ['rendered on one line', mta9221(rendered('10054'))],
    [
      'wrapped over lines with CRLF and extra spaces',
      mta9221('A sockets error 10054 on a\r\n    WSARecvEx() call was detected.   The MTA will attempt to recover the\r\n  sockets connection.\r\n\r\n Control block index: 1. [BASE IL TCP/IP DRVR 10 262] (12)'),
    ],
    [
      'Q169143 wording',
      mta9221('A sockets error 10054 on a WSARecvEx() call was detected. The message transfer agent (MTA) will attempt to recover the sockets connection. Control block index: 1. [BASE IL TCP/IP DRVR 10 262] (12)'),
    ],
    [
      'insertion strings only (data array)',
      mta9221('Message not available — insertion strings: 10054; 1; BASE IL; TCP/IP DRVR; 10; 262', ['10054', '1', 'BASE IL', 'TCP/IP DRVR', '10', '262']),
    ],
    [
      'data object with %1 = 0x2746',
      mta9221('Message not available — insertion strings: 0x2746; 1; BASE IL; TCP/IP DRVR; 10; 262', { '%1': '0x2746', '%2': '1', '%3': 'BASE IL', '%4': 'TCP/IP DRVR', '%5': '10', '%6': '262' }),
    ],
    ['HRESULT 0x80072746 in the message', mta9221(rendered('0x80072746'))],
    ['WSAECONNRESET by name', mta9221(rendered('WSAECONNRESET'))],
    ['provider spelled in another case', { ...mta9221(rendered('10054')), provider: 'msexchangemta' }],
  ];
  for (const [name, event] of shapes) {
    it(`classifies the ${name} as the founding rule and hides it`, () => {
      const entry = matcher.classify(event);
      expect(entry?.rule.id).toBe(FOUNDING);
      expect(entry?.rule.hide).toBe(true);
    });
  }

  const others: Array<[string, KbEvent]> = [
    ['10061 (refused)', mta9221(rendered('10061'))],
    ['10053 (aborted)', mta9221(rendered('10053'))],
    ['100541', mta9221(rendered('100541'))],
    ['100540', mta9221(rendered('100540'))],
    ['0x27460', mta9221(rendered('0x27460'))],
    ['10053 in the insertion strings', mta9221('Message not available — insertion strings: 10053; 1', ['10053', '1', 'BASE IL', 'TCP/IP DRVR', '10', '262'])],
    ['10061 in a data object', mta9221('Message not available — insertion strings: 10061; 1', { '%1': '10061', '%2': '1' })],
  ];
  for (const [name, event] of others) {
    it(`does not treat ${name} as the founding case`, () => {
      expect(classify(event)).not.toBe(FOUNDING);
      expect(matcher.classify(event)?.rule.hide ?? false).toBe(false);
    });
  }

  it('does not match the same text from another provider or event ID', () => {
    expect(classify({ ...mta9221(rendered('10054')), provider: 'MSExchangeIMC' })).toBeUndefined();
    expect(classify({ ...mta9221(rendered('10054')), eventId: 9222 })).not.toBe(FOUNDING);
  });
});

describe('precedence between overlapping rules', () => {
  it('lets the more cautious Netlogon rule win for 5719 with RPC server unavailable', () => {
    const event: KbEvent = {
      provider: 'NETLOGON',
      eventId: 5719,
      level: 'error',
      channel: 'System',
      message: 'No Domain Controller is available for domain CONTOSO due to the following: The RPC server is unavailable.',
      data: null,
    };
    expect(matcher.classify(event)?.rule.verdict).toBe('attention');
  });

  it('lets the specific Exchange rules win over the generic connection-reset family', () => {
    const sa: KbEvent = {
      provider: 'MSExchangeSA',
      eventId: 9040,
      level: 'error',
      channel: 'Application',
      message: 'NSPI Proxy encountered an error while receiving a packet from the client. The error was 0x2746 (An existing connection was forcibly closed by the remote host).',
      data: null,
    };
    expect(classify(sa)).toBe('exchange-sa-9040-nspi-proxy-reset');
    expect(classify(mta9221(rendered('10054')))).toBe(FOUNDING);
  });
});
