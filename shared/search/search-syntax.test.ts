import { describe, expect, it } from 'vitest';
import { FACET_FIELDS, type FacetField } from '../model/triage';
import { describeChip, facetChipSearch, highlightPatterns, parseSearch, type SearchTerm } from './search-syntax';

const text = (value: string, negate = false): SearchTerm => ({ kind: 'text', value, negate });
const field = (name: string, op: string, value: string, extra: { negate?: boolean; quoted?: boolean } = {}): SearchTerm =>
  ({ kind: 'field', field: name, op, value, negate: extra.negate ?? false, quoted: extra.quoted ?? false }) as SearchTerm;
const regex = (pattern: string, flags = '', negate = false): SearchTerm => ({ kind: 'regex', pattern, flags, negate });

describe('parseSearch: terms', () => {
  const golden: [input: string, terms: SearchTerm[]][] = [
    ['', []],
    ['   ', []],
    [
      'provider:MSExchangeMTA id:9221 level>=warning -computer:EXCH01 "connection reset"',
      [field('provider', ':', 'MSExchangeMTA'), field('id', ':', '9221'), field('level', '>=', 'warning'), field('computer', ':', 'EXCH01', { negate: true }), text('connection reset')],
    ],
    ['delivery  failed', [text('delivery'), text('failed')]],
    ['-retry', [text('retry', true)]],
    ['-"connection reset"', [text('connection reset', true)]],
    ['"say \\"hi\\" C:\\Windows \\\\ end"', [text('say "hi" C:\\Windows \\ end')]],
    ['""', []],
    ['a-b - x', [text('a-b'), text('-'), text('x')]],
    // Not fields: pasted URLs, times, Windows paths and unknown names stay plain text.
    ['http://host/x 10:22:01 C:\\Temp foo:bar', [text('http://host/x'), text('10:22:01'), text('C:\\Temp'), text('foo:bar')]],
    // Aliases and any case.
    ['EventID:1 event:2 severity:err host:A log:System task:Logon msg:boom recordid:7 Provider:X USER:bob', [
      field('id', ':', '1'),
      field('id', ':', '2'),
      field('level', ':', 'err'),
      field('computer', ':', 'A'),
      field('channel', ':', 'System'),
      field('category', ':', 'Logon'),
      field('message', ':', 'boom'),
      field('record', ':', '7'),
      field('provider', ':', 'X'),
      field('user', ':', 'bob'),
    ]],
    ['source:app.log kb:none kb:any kb:"none"', [field('source', ':', 'app.log'), field('kb', ':', 'none'), field('kb', ':', 'any'), field('kb', ':', 'none', { quoted: true })]],
    ['computer:"EXCH 01" provider:"" -user:""', [field('computer', ':', 'EXCH 01', { quoted: true }), field('provider', ':', '', { quoted: true }), field('user', ':', '', { negate: true, quoted: true })]],
    ['id>9000 id<=9300 record<5 level<information level>verbose level=warning provider=X provider!=Y id!=1', [
      field('id', '>', '9000'),
      field('id', '<=', '9300'),
      field('record', '<', '5'),
      field('level', '<', 'information'),
      field('level', '>', 'verbose'),
      field('level', '=', 'warning'),
      field('provider', '=', 'X'),
      field('provider', '!=', 'Y'),
      field('id', '!=', '1'),
    ]],
    ['level:error,warning id:9221,9215 level:warn,info,crit,audit-failure,Audit_Success', [
      field('level', ':', 'error,warning'),
      field('id', ':', '9221,9215'),
      field('level', ':', 'warn,info,crit,audit-failure,Audit_Success'),
    ]],
    ['provider:MSExchange* message:"disk * full"', [field('provider', ':', 'MSExchange*'), field('message', ':', 'disk * full', { quoted: true })]],
    ['/1005[34]/ /connection reset/i -/^warn/', [regex('1005[34]'), regex('connection reset', 'i'), regex('^warn', '', true)]],
    ['/[/]x/ /a\\/b/', [regex('[/]x'), regex('a\\/b')]],
    // A slash word that does not end in `/` or `/i` is a path, not a regular expression.
    ['/var/log/app.log /usr/bin', [text('/var/log/app.log'), text('/usr/bin')]],
    ['"phrase"word', [text('phrase'), text('word')]],
  ];
  it.each(golden)('%s', (input, terms) => {
    const parsed = parseSearch(input);
    expect(parsed.errors).toEqual([]);
    expect(parsed.terms).toEqual(terms);
  });
});

describe('parseSearch: errors', () => {
  const golden: [input: string, errorsAt: number[], kept: SearchTerm[]][] = [
    ['ok "never closed', [3], [text('ok')]],
    ['computer:"EXCH', [9], []],
    ['/abc def', [0], []],
    ['x /a(/', [3], [text('x')]],
    ['/a(?=b)/ y', [2], [text('y')]],
    ['/(?<!a)b/ /(a)\\1/ /(?<n>a)/ /[^]/ /\\u0041/', [1, 14, 19, 29, 35], []],
    ['/[(?=]/', [], [regex('[(?=]')]],
    ['//', [1], []],
    ['/x/g', [3], []],
    ['provider>=X', [8], []],
    ['message<5 source>a', [7, 16], []],
    ['level:bogus a', [6], [text('a')]],
    ['level:error,bogus', [12], []],
    ['level>=unknown level:unknown', [7], [field('level', ':', 'unknown')]],
    ['level:""', [7], []],
    ['level>=error,warning', [7], []],
    ['id:abc id:9221,x id:-5 id:1.5 record:"7x"', [3, 15, 20, 26, 38], []],
    ['id>=', [4], []],
    ['provider:', [9], []],
    ['id:99999999999999999999', [3], []],
  ];
  it.each(golden)('%s', (input, errorsAt, kept) => {
    const parsed = parseSearch(input);
    expect(parsed.errors.map((error) => error.at)).toEqual(errorsAt);
    for (const error of parsed.errors) expect(error.message).toMatch(/\w/);
    expect(parsed.terms).toEqual(kept);
  });

  it('accepts what is valid in both JavaScript and RE2', () => {
    for (const pattern of ['\\d+', '(?:a|b)', 'a{2,3}', '\\p{L}', '\\x41', '[\\]]', '\\(\\?=']) {
      expect(parseSearch(`/${pattern}/`).errors, pattern).toEqual([]);
    }
  });

  it('does not throw on any input', () => {
    for (const input of ['"', '\\', '-', '--', '-"', '/', '-/', 'id:"', ':', '::', 'a:"b', '/\\', '"\\', 'level:,', 'id:,']) {
      expect(() => parseSearch(input), input).not.toThrow();
    }
  });
});

describe('highlightPatterns', () => {
  it('highlights positive words, phrases, regular expressions and message values', () => {
    const patterns = highlightPatterns(parseSearch('reset "a.b (c)" -hidden /100[34]/ message:disk*full provider:Exch id:5 message:"x*"'));
    expect(patterns.map((pattern) => pattern.source)).toEqual(['reset', 'a\\.b \\(c\\)', '100[34]', 'disk.*?full', 'x\\*']);
    for (const pattern of patterns) expect(pattern.flags).toBe('gi');
    expect('Connection RESET, a.b (c) 10034'.match(patterns[0]!)).toEqual(['RESET']);
    expect('xa.b (c)'.match(patterns[1]!)).toEqual(['a.b (c)']);
  });

  it('has nothing to highlight for a search without positive text', () => {
    expect(highlightPatterns(parseSearch('-a provider:b message:"" -/x/'))).toEqual([]);
  });
});

describe('facetChipSearch', () => {
  it('writes the search each facet filters by', () => {
    expect(facetChipSearch('provider', 'MSExchangeMTA', 'MSExchangeMTA')).toBe('provider:"MSExchangeMTA"');
    expect(facetChipSearch('eventId', 9221, '9221')).toBe('id:9221');
    expect(facetChipSearch('computer', 'EXCH01', 'EXCH01')).toBe('computer:"EXCH01"');
    expect(facetChipSearch('kbRule', 'exchange-mta-9221', 'exchange-mta-9221')).toBe('kb:"exchange-mta-9221"');
    expect(facetChipSearch('source', 3, 'App log.evtx')).toBe('source:"App log.evtx"');
    expect(facetChipSearch('user', null, '(none)')).toBe('user:""');
    expect(facetChipSearch('eventId', null, '(none)')).toBe('id:""');
  });

  const awkward = ['plain', 'two words', 'quote " inside', 'ends with backslash \\', '\\"', 'C:\\Windows\\System32', 'a:b:c', '10:22:01', '-dash', '/slash/', 'star*', 'none', 'any', 'tab\tnew\nline', ''];
  const cases: [FacetField, string | number][] = [];
  for (const facet of FACET_FIELDS) {
    if (facet === 'eventId') cases.push([facet, 9221]);
    else if (facet !== 'source') for (const value of awkward) cases.push([facet, value]);
  }
  it.each(cases)('round-trips %s %j', (facet, value) => {
    const parsed = parseSearch(facetChipSearch(facet, value, String(value)));
    expect(parsed.errors).toEqual([]);
    expect(parsed.terms).toHaveLength(1);
    const term = parsed.terms[0]!;
    expect(term).toMatchObject({ kind: 'field', op: ':', negate: false, value: String(value) });
  });

  it.each(awkward.filter(Boolean))('round-trips a source labelled %j', (label) => {
    expect(parseSearch(facetChipSearch('source', 1, label)).terms).toEqual([field('source', ':', label, { quoted: true })]);
  });

  it('round-trips values without one', () => {
    for (const facet of FACET_FIELDS) {
      expect(parseSearch(facetChipSearch(facet, null, '(none)')).terms).toMatchObject([{ kind: 'field', value: '', negate: false }]);
    }
  });
});

describe('describeChip', () => {
  it('labels chips in words', () => {
    expect(describeChip('provider:"MSExchangeMTA"')).toBe('Provider: MSExchangeMTA');
    expect(describeChip('-computer:EXCH01 level>=warning')).toBe('not Computer: EXCH01 Level ≥ warning');
    expect(describeChip('user:"" "a b" /x/i')).toBe('User: (none) "a b" /x/i');
    expect(describeChip('  "unclosed ')).toBe('"unclosed');
  });
});
