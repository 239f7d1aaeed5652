import { describe, expect, it } from 'vitest';
import { builtinTemplate, builtinTemplates } from './builtin-templates';
import { renderMessage, substitute, type MessageCatalog } from './render';

describe('substitute', () => {
  it('inserts %1…%99, with or without a printf format, and leaves missing strings empty', () => {
    expect(substitute('a %1 b %2 c', ['x', 'y'])).toBe('a x b y c');
    expect(substitute('%2%1', ['x', 'y'])).toBe('yx');
    expect(substitute('value %1!s! and %2!08x!.', ['one', 'two'])).toBe('value one and two.');
    expect(substitute('[%3]', ['a'])).toBe('[]');
    const many = Array.from({ length: 12 }, (_, i) => `s${i + 1}`);
    expect(substitute('%10 %11 %12', many)).toBe('s10 s11 s12');
    expect(substitute('%100', many)).toBe('s100'); // at most two digits: %10 then "0"
  });

  it('reads the escapes', () => {
    expect(substitute('50%% done%nnext%tcol%rend', [])).toBe('50% done\nnext\tcol\rend');
    expect(substitute('a%bb %. %! %q', [])).toBe('a b . ! %q');
    expect(substitute('text%0 ignored %1', ['x'])).toBe('text');
    expect(substitute('trailing %', [])).toBe('trailing %');
  });

  it('keeps %%NNNN parameter references and does not re-scan insertion strings', () => {
    expect(substitute('Access: %%1537 by %1', ['me'])).toBe('Access: %%1537 by me');
    expect(substitute('%1', ['%2 %%1 %n'])).toBe('%2 %%1 %n');
  });
});

describe('renderMessage', () => {
  it('renders MSExchangeMTA 9221 from the built-in template', () => {
    const message = renderMessage({
      provider: 'MSExchangeMTA',
      eventId: 9221,
      qualifiers: null,
      strings: ['10054', '1', 'BASE IL', 'TCP/IP DRVR', '10', '262'],
    });
    // The Event Viewer line quoted in MS KB Q162674.
    expect(message).toBe(
      'A sockets error 10054 on a WSARecvEx() call was detected. The MTA will attempt to recover the sockets connection. Control block index: 1. [BASE IL TCP/IP DRVR 10 262] (12)',
    );
    expect(message?.replace(/\s+/g, ' ')).toMatch(/sockets error 10054 on a WSARecvEx\(\) call/i);
  });

  it('reproduces the KB examples of the other MTA events', () => {
    const render = (eventId: number, strings: string[]) => renderMessage({ provider: 'msexchangemta', eventId, qualifiers: null, strings });
    expect(render(9215, ['10061', '1', 'BASE IL', 'TCP/IP DRVR', '8', '274'])).toBe(
      'A sockets error 10061 on a connect() call was detected. The MTA will attempt to recover the sockets connection. Control block index: 1. [BASE IL TCP/IP DRVR 8 274] (12)',
    );
    expect(render(9224, ['10054', '8', 'BASE IL', 'TCP/IP DRVR', '54', '272'])).toContain('sockets error 10054 on a send() call');
    expect(render(9318, ['76', '1722', 'BASE IL', 'MAIN BASE', '1', '500'])).toBe(
      'An RPC communications error occurred. Unable to bind over RPC. The locality table (LTAB) index is 76. Windows NT error code: 1722. [BASE IL MAIN BASE 1 500] (12)',
    );
  });

  it('keys on the low 16 bits of the event ID, case-insensitively', () => {
    // A classic .evt event ID with severity bits: 0x80002405 = warning, 9221.
    const strings = ['10054', '3'];
    const viaFullId = renderMessage({ provider: 'MSEXCHANGEMTA', eventId: 0x80002405, qualifiers: null, strings });
    expect(viaFullId).toContain('sockets error 10054 on a WSARecvEx() call');
    expect(builtinTemplate('MSExchangeMTA', 0x80002405)).toBe(builtinTemplate('msexchangemta', 9221));
  });

  it('renders the Windows templates the KB rules match (whitespace collapsed, as the KB does)', () => {
    const collapse = (text: string | undefined) => text?.replace(/\s+/g, ' ');
    const tcpip4226 = renderMessage({ provider: 'Tcpip', eventId: 0x80001082, qualifiers: null, strings: [''] });
    expect(collapse(tcpip4226)).toMatch(/TCP\/IP has reached the security limit imposed on the number of concurrent (?:\(incomplete\) )?TCP connect attempts/i);
    const tcpip4227 = renderMessage({ provider: 'tcpip', eventId: 4227, qualifiers: 0x8000, strings: [] });
    expect(tcpip4227).toMatch(/TCP\/IP failed to establish an outgoing connection because the selected local endpoint was recently used/i);
    // DCOM 10016: the param1…param11 values of a public export and the text Event Viewer made of them.
    const dcom = renderMessage({
      provider: 'Microsoft-Windows-DistributedCOM',
      eventId: 10016,
      qualifiers: 0,
      strings: [
        'machine-default', 'Local', 'Activation', '{C2F03A33-21F5-47FA-B4BB-156362A2F239}', '{316CDED5-E4AE-4B15-9113-7055D84DCC97}',
        'NT AUTHORITY', 'LOCAL SERVICE', 'S-1-5-19', 'LocalHost (Using LRPC)', 'Unavailable', 'Unavailable',
      ],
    });
    expect(collapse(dcom)).toBe(
      'The machine-default permission settings do not grant Local Activation permission for the COM Server application with CLSID {C2F03A33-21F5-47FA-B4BB-156362A2F239} and APPID {316CDED5-E4AE-4B15-9113-7055D84DCC97} to the user NT AUTHORITY\\LOCAL SERVICE SID (S-1-5-19) from address LocalHost (Using LRPC) running in the application container Unavailable SID (Unavailable). This security permission can be modified using the Component Services administrative tool.',
    );
    expect(collapse(dcom)).toMatch(/(?:application-specific|machine-default) permission settings do not grant Local (?:Activation|Launch) permission for the COM Server application/i);
  });

  it('renders the Exchange store templates from their KB examples', () => {
    const render = (provider: string, eventId: number, strings: string[]) => renderMessage({ provider, eventId, qualifiers: null, strings });
    expect(render('MSExchangeIS', 3089, ['0x80004005'])).toBe('Error 0x80004005 occurred while processing an incoming replication message.');
    expect(render('MSExchangeIS Private', 1203, ['/o=Microsoft/ou=DOMAIN/cn=Recipients/cn=MyMailBox', '0x8004010f'])).toMatch(
      /Failed to delete the mailbox of .*error 0x8004010f/i,
    );
    expect(render('MSExchangeIMC', 4007, ['10048'])?.replace(/\s+/g, ' ')).toMatch(/bind the TCP\/IP listener socket.*10048/i);
    expect(render('MSExchange NNTP', 11201, ['0x80040c06', 'EcWriteStream', 'NNTPCON::EcReadArticle'])).toMatch(
      /EcWriteStream while executing procedure NNTPCON::EcReadArticle/,
    );
  });

  it('returns undefined when no template is known', () => {
    expect(renderMessage({ provider: 'Nobody', eventId: 1, qualifiers: null, strings: ['x'] })).toBeUndefined();
    expect(renderMessage({ provider: null, eventId: 9221, qualifiers: null, strings: [] })).toBeUndefined();
    expect(renderMessage({ provider: 'MSExchangeMTA', eventId: null, qualifiers: null, strings: [] })).toBeUndefined();
  });

  it('asks the catalog first: per-record text, then its template, then the built-in one', () => {
    const asked: unknown[] = [];
    const catalog: MessageCatalog = {
      lookup(provider, eventId, qualifiers) {
        asked.push([provider, eventId, qualifiers]);
        return eventId === 9221 ? 'catalog %1' : undefined;
      },
      recordMessage: (recordId) => (recordId === 7 ? 'already rendered %1' : undefined),
    };
    const base = { provider: 'MSExchangeMTA', qualifiers: null, strings: ['x'], catalog };
    expect(renderMessage({ ...base, eventId: 9221, recordId: 7 })).toBe('already rendered %1');
    expect(renderMessage({ ...base, eventId: 9221, recordId: 8 })).toBe('catalog x');
    expect(renderMessage({ ...base, eventId: 0x80002408 })).toContain('sockets error x on a send() call');
    expect(asked).toContainEqual(['MSExchangeMTA', 9224, 0x8000]);
  });

  it('survives a catalog that throws', () => {
    const catalog: MessageCatalog = {
      lookup() {
        throw new Error('broken');
      },
    };
    expect(renderMessage({ provider: 'MSExchangeMTA', eventId: 9221, qualifiers: null, strings: ['1'], catalog })).toContain('error 1 on');
  });

  it('ships only templates with a named source', () => {
    for (const entry of builtinTemplates()) {
      expect(entry.source.length).toBeGreaterThan(10);
      expect(entry.eventId).toBeLessThan(0x10000);
    }
  });
});
