import { describe, expect, it } from 'vitest';
import type { KbRuleInfo } from '../../../shared/model/kb';
import type { EventDetail } from '../../../shared/model/log-event';
import { detailData, detailFields, detailSummary, formatLocalTime, formatUtcTime, kbLines, locationText } from './detail-text';

const TIME = Date.UTC(2025, 11, 9, 17, 37, 32, 120);

function detail(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    id: 1,
    sourceId: 1,
    time: TIME,
    level: 'error',
    provider: 'MSExchangeMTA',
    eventId: 9221,
    category: null,
    computer: 'EXCH01',
    user: null,
    message: 'Connection reset\nby peer',
    unparsed: false,
    kb: null,
    bookmark: null,
    channel: 'Application',
    recordId: 42,
    data: ['first', 'second'],
    raw: '<Event>…</Event>',
    line: 3,
    file: 'C:\\logs\\app.csv',
    format: 'eventviewer-csv',
    unparsedReason: null,
    ...overrides,
  };
}

describe('times', () => {
  it('shows milliseconds in UTC and on the local clock with its offset', () => {
    expect(formatUtcTime(TIME)).toBe('2025-12-09 17:37:32.120 UTC');
    expect(formatLocalTime(TIME, 60)).toBe('2025-12-09 18:37:32.120 (UTC+01:00)');
    expect(formatLocalTime(TIME, -210)).toBe('2025-12-09 14:07:32.120 (UTC-03:30)');
    expect(formatUtcTime(null)).toBe('');
    expect(formatLocalTime(null, 0)).toBe('');
  });
});

describe('locationText', () => {
  it('names the line of a text format and the byte offset of a binary record', () => {
    expect(locationText({ file: 'a.csv', line: 3, format: 'eventviewer-csv' })).toBe('a.csv (line 3)');
    expect(locationText({ file: 'a.evtx', line: 0x1a2b, format: 'evtx' })).toBe('a.evtx (offset 0x1A2B)');
  });
});

describe('detailFields', () => {
  it('lists the filled fields in order with the grid labels', () => {
    expect(detailFields(detail(), 0)).toEqual([
      ['Time (UTC)', '2025-12-09 17:37:32.120 UTC'],
      ['Time (local)', '2025-12-09 17:37:32.120 (UTC+00:00)'],
      ['Level', 'Error'],
      ['Source', 'MSExchangeMTA'],
      ['Event ID', '9221'],
      ['Computer', 'EXCH01'],
      ['Channel', 'Application'],
      ['Record ID', '42'],
      ['File', 'C:\\logs\\app.csv (line 3)'],
      ['Format', 'eventviewer-csv'],
    ]);
  });

  it('says Unparsed for text no parser read', () => {
    expect(detailFields(detail({ unparsed: true }), 0)).toContainEqual(['Level', 'Unparsed']);
  });
});

describe('detailData', () => {
  it('numbers insertion strings like message templates and keeps names of named data', () => {
    expect(detailData(detail())).toEqual([
      ['%1', 'first'],
      ['%2', 'second'],
    ]);
    expect(detailData(detail({ data: { IpAddress: '10.0.0.1' } }))).toEqual([['IpAddress', '10.0.0.1']]);
    expect(detailData(detail({ data: null }))).toEqual([]);
  });
});

const RULE_INFO = {
  rule: {
    id: 'mta-9221',
    title: 'MTA restart',
    verdict: 'benign',
    explanation: 'Happens on every restart.',
    references: [{ label: 'KB123', url: 'https://example.com/kb123' }],
  },
  origin: 'builtin',
  overridesBuiltin: false,
  matched: 1,
  hidden: 1,
} as unknown as KbRuleInfo;

describe('kbLines', () => {
  it('states the verdict, reason, explanation and references', () => {
    const kb = { rule: 'mta-9221', verdict: 'benign', hidden: true, flag: null } as const;
    expect(kbLines(detail({ kb }), RULE_INFO)).toEqual([
      'Knowledge base: Known benign (hidden) — MTA restart',
      'Happens on every restart.',
      'Reference: KB123 https://example.com/kb123',
      'Rule: mta-9221',
    ]);
    expect(kbLines(detail({ kb }), undefined)).toEqual(['Knowledge base: matched rule mta-9221 (no longer in force)']);
    expect(kbLines(detail(), RULE_INFO)).toEqual([]);
  });
});

describe('detailSummary', () => {
  it('puts fields, message, data, bookmark and raw text in ticket-ready sections', () => {
    const text = detailSummary(detail({ bookmark: 'seen twice\nafter patch' }), undefined, 0);
    expect(text).toBe(
      [
        'Time (UTC): 2025-12-09 17:37:32.120 UTC',
        'Time (local): 2025-12-09 17:37:32.120 (UTC+00:00)',
        'Level: Error',
        'Source: MSExchangeMTA',
        'Event ID: 9221',
        'Computer: EXCH01',
        'Channel: Application',
        'Record ID: 42',
        'File: C:\\logs\\app.csv (line 3)',
        'Format: eventviewer-csv',
        '',
        'Message:',
        'Connection reset',
        'by peer',
        '',
        'Data:',
        '  %1: first',
        '  %2: second',
        '',
        'Bookmark: seen twice\n    after patch',
        '',
        'Raw:',
        '<Event>…</Event>',
        '',
      ].join('\n'),
    );
  });

  it('leaves out raw text that only repeats the message', () => {
    const text = detailSummary(detail({ raw: 'Connection reset\nby peer', data: null }), undefined, 0);
    expect(text).not.toContain('Raw:');
    expect(text).not.toContain('Data:');
  });
});
