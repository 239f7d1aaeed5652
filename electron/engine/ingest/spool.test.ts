import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { SPOOL_COLUMNS, SPOOL_QUOTE, spoolLine } from './spool';

/** Reads a spool line back the way DuckDB's CSV reader does (tab, U+0001 quoting, \N for NULL). */
function readBack(line: string): (string | null)[] {
  const fields: (string | null)[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === SPOOL_QUOTE) {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf(SPOOL_QUOTE, i);
        value += line.slice(i, quote);
        i = quote + 1;
        if (line[i] === SPOOL_QUOTE) {
          value += SPOOL_QUOTE;
          i++;
        } else break;
      }
      fields.push(value);
      i++;
    } else {
      const tab = line.indexOf('\t', i);
      const end = tab === -1 ? line.length : tab;
      const value = line.slice(i, end);
      fields.push(value === '\\N' ? null : value);
      i = end + 1;
    }
  }
  return fields;
}

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
  message: 'A "quoted"\ttabbed \n line\u0000 \u0001 \ud800',
  data: ['10054', 'WSARecvEx'],
  raw: 'raw',
  line: 3,
};

describe('spool lines', () => {
  it('carry every column in order, quoting only what needs it', () => {
    const fields = readBack(spoolLine({ kind: 'event', event }, 5));
    expect(fields).toHaveLength(Object.keys(SPOOL_COLUMNS).length);
    expect(Object.fromEntries(Object.keys(SPOOL_COLUMNS).map((name, i) => [name, fields[i]]))).toEqual({
      i: '5',
      t: '1741939201120',
      l: '2',
      p: 'MSExchangeMTA',
      e: '9221',
      c: null,
      h: 'EXCH01',
      u: 'CONTOSO\\admin',
      ch: 'Application',
      r: '12',
      m: 'A "quoted"\ttabbed \n line\u0000 \u0001 \ufffd',
      mo: null,
      d: '["10054","WSARecvEx"]',
      w: 'raw',
      n: '3',
      x: 'false',
      y: null,
      k: null,
    });
  });

  it('carry the KB rule that matched, if any', () => {
    expect(readBack(spoolLine({ kind: 'event', event }, 0, 'exchange-mta-9221-connection-reset')).at(-1)).toBe('exchange-mta-9221-connection-reset');
    expect(readBack(spoolLine({ kind: 'event', event }, 0)).at(-1)).toBeNull();
  });

  it('send a message that ends the raw text as an offset, and keep a literal \\N as text', () => {
    const tail = readBack(spoolLine({ kind: 'event', event: { ...event, raw: '2025-01-01 WARN boom', message: 'boom' } }, 1));
    expect([tail[10], tail[11], tail[13]]).toEqual([null, '16', '2025-01-01 WARN boom']);
    const literal = readBack(spoolLine({ kind: 'unparsed', row: { raw: '\\N', line: 9, reason: 'bad "row"' } }, 0));
    expect([literal[10], literal[13], literal[15], literal[16]]).toEqual(['\\N', '\\N', 'true', 'bad "row"']);
  });
});
