import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { spoolLine } from './spool';

describe('spool lines', () => {
  it('are valid JSON carrying every field, whatever the text holds', () => {
    const event: ParsedEvent = {
      time: 1741939201120.7,
      level: 'warning',
      provider: 'MSExchangeMTA',
      eventId: 9221,
      category: null,
      computer: 'EXCH01',
      user: 'CONTOSO\\admin',
      channel: 'Application',
      recordId: 12,
      message: 'A "quoted" \n line\u0000 \ud800',
      data: ['10054', 'WSARecvEx'],
      raw: 'raw',
      line: 3,
    };
    const parsed = JSON.parse(spoolLine({ kind: 'event', event }, 5)) as Record<string, unknown>;
    expect(parsed).toEqual({
      i: 5,
      t: 1741939201120,
      l: 2,
      p: 'MSExchangeMTA',
      e: 9221,
      c: null,
      h: 'EXCH01',
      u: 'CONTOSO\\admin',
      ch: 'Application',
      r: 12,
      m: 'A "quoted" \n line\u0000 \ufffd',
      d: '["10054","WSARecvEx"]',
      w: 'raw',
      n: 3,
      x: false,
    });
    const unparsed = JSON.parse(spoolLine({ kind: 'unparsed', row: { raw: 'junk', line: 9, reason: 'bad "row"' } }, 0)) as Record<string, unknown>;
    expect(unparsed).toEqual({ i: 0, l: 7, m: 'junk', w: 'junk', n: 9, x: true, y: 'bad "row"' });
  });
});
