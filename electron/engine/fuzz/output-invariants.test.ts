import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../shared/model/log-event';
import { eventViolations, itemViolations, splitSpoolLine } from './output-invariants';

const event = (fields: Partial<ParsedEvent> = {}): ParsedEvent => ({
  time: 0,
  level: 'information',
  provider: null,
  eventId: null,
  category: null,
  computer: null,
  user: null,
  channel: null,
  recordId: null,
  message: 'm',
  data: null,
  raw: 'm',
  line: 1,
  ...fields,
});
const lines = { min: 1, max: 10 };
const codes = (fields: Partial<ParsedEvent>): string[] => itemViolations({ kind: 'event', event: event(fields) }, lines).map((v) => v.code);

describe('output invariants', () => {
  it('splits spool lines as DuckDB reads them', () => {
    expect(splitSpoolLine('a\t\u0001b\tc\u0001\u0001d\u0001\t\\N')).toEqual(['a', 'b\tc\u0001d', '\\N']);
    expect(splitSpoolLine('a\t\u0001open')).toBeUndefined();
    expect(splitSpoolLine('a\nb')).toBeUndefined();
  });

  it('accepts a well-formed event, and a lone surrogate (the spool replaces it)', () => {
    expect(codes({ message: 'x\ud800', raw: 'x\ud800', data: { a: 'b' } })).toEqual([]);
  });

  it('names what the store or the export could not take', () => {
    expect(codes({ time: 8.7e15 })).toEqual(['time-out-of-range']);
    expect(codes({ eventId: 2 ** 31 })).toEqual(['event-id-out-of-range']);
    expect(codes({ recordId: 1e23 })).toEqual(['record-id-out-of-range']);
    expect(codes({ line: 11 })).toEqual(['line-out-of-range']);
    expect(codes({ level: 'loud' as ParsedEvent['level'] })).toEqual(['bad-level']);
    expect(eventViolations(event({ data: ['a', 3 as unknown as string] }), lines).map((v) => v.code)).toEqual(['bad-data-type']);
  });
});
