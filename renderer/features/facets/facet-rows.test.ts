import { describe, expect, it } from 'vitest';
import type { FacetResult } from '../../../shared/model/triage';
import { displayText, facetQuery, facetRows, formatShare, nextListSize, noisySources, requestLimit, totalFromSources } from './facet-rows';

const providers: FacetResult = {
  field: 'provider',
  values: [
    { value: 'MSExchangeMTA', label: 'MSExchangeMTA', count: 600 },
    { value: null, label: '', count: 200 },
    { value: 'Service Control Manager', label: 'Service Control Manager', count: 100 },
    { value: 'Kerberos', label: 'Kerberos', count: 50 },
    { value: 'DNS', label: 'DNS', count: 30 },
    { value: 'W32Time', label: 'W32Time', count: 10 },
    { value: 'Idle', label: 'Idle', count: 5 },
  ],
  distinct: 12,
};

describe('facetRows', () => {
  it('lists at most the list size, with shares of the total and how many are left', () => {
    const { rows, more } = facetRows(providers, 3, 1000);
    expect(rows.map((row) => [row.text, row.count, row.share])).toEqual([
      ['MSExchangeMTA', 600, 0.6],
      ['(none)', 200, 0.2],
      ['Service Control Manager', 100, 0.1],
    ]);
    expect(more).toBe(9);
  });

  it('has no share without a total and nothing more when all values are listed', () => {
    const { rows, more } = facetRows({ field: 'channel', values: [{ value: 'System', label: 'System', count: 3 }], distinct: 1 }, 8, 0);
    expect(rows[0]?.share).toBe(0);
    expect(more).toBe(0);
  });
});

describe('displayText', () => {
  it('shows (none) for missing values and the value when the label is empty', () => {
    expect(displayText({ value: null, label: '', count: 1 })).toBe('(none)');
    expect(displayText({ value: 7036, label: '', count: 1 })).toBe('7036');
    expect(displayText({ value: 3, label: 'System.evtx', count: 1 })).toBe('System.evtx');
  });
});

describe('noisySources', () => {
  it('takes the five busiest named providers', () => {
    expect(noisySources([providers], 1000).map((row) => row.text)).toEqual(['MSExchangeMTA', 'Service Control Manager', 'Kerberos', 'DNS', 'W32Time']);
    expect(noisySources([], 1000)).toEqual([]);
  });
});

describe('totalFromSources', () => {
  it('adds the source counts when every source is listed', () => {
    const values = [
      { value: 1, label: 'a.evtx', count: 10 },
      { value: 2, label: 'b.evtx', count: 5 },
    ];
    expect(totalFromSources([{ field: 'source', values, distinct: 2 }])).toBe(15);
    expect(totalFromSources([{ field: 'source', values, distinct: 3 }])).toBeNull();
    expect(totalFromSources([providers])).toBeNull();
  });
});

describe('list sizes', () => {
  it('steps through the sizes and asks for the longest list shown', () => {
    expect(nextListSize(8)).toBe(50);
    expect(nextListSize(200)).toBe(1000);
    expect(nextListSize(1000)).toBeNull();
    expect(requestLimit({})).toBe(8);
    expect(requestLimit({ provider: 50, user: 200 })).toBe(200);
  });
});

describe('facetQuery', () => {
  it('keeps the filter and the time range and drops the sort', () => {
    expect(facetQuery({ text: 'x', from: 1, to: 2, sort: [{ column: 'time', direction: 'asc' }] })).toEqual({ text: 'x', from: 1, to: 2 });
  });
});

describe('formatShare', () => {
  it('rounds to what a bar can show', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.0423)).toBe('4.2%');
    expect(formatShare(0.4267)).toBe('43%');
  });
});
