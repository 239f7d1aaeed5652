import { describe, expect, it } from 'vitest';
import { embeddedTimestamp, leadingTimestamp, plainText } from './plain-text';

const context = { fileName: 'app.log', modifiedTime: 0, options: {} };

describe('plain text timestamps', () => {
  it('reads a timestamp at the start, bracketed or not, and keeps the rest as the message', () => {
    expect(leadingTimestamp('2025-03-14 08:00:01,120 INFO  [Svc] started')).toEqual({
      time: Date.parse('2025-03-14T08:00:01.120Z'),
      rest: 'INFO  [Svc] started',
    });
    expect(leadingTimestamp('[2025/03/14 08:00:01] boot')?.rest).toBe('boot');
    expect(leadingTimestamp('3/14/2025 8:00:01 PM done')?.time).toBe(Date.parse('2025-03-14T20:00:01Z'));
    expect(leadingTimestamp('   at Foo.Bar()')).toBeUndefined();
  });

  it('applies the stated zone only to zone-less times', () => {
    expect(leadingTimestamp('2025-01-15 12:00:00 x', 'Europe/Berlin')?.time).toBe(Date.parse('2025-01-15T11:00:00Z'));
    expect(leadingTimestamp('2025-01-15T12:00:00Z x', 'Europe/Berlin')?.time).toBe(Date.parse('2025-01-15T12:00:00Z'));
  });

  it('finds the time inside access-log and docker-compose lines', () => {
    expect(embeddedTimestamp('192.168.202.254 - - [20/Jul/2009:22:59:26 +0100] "GET / HTTP/1.0" 200 134')).toBe(
      Date.parse('2009-07-20T21:59:26Z'),
    );
    expect(embeddedTimestamp('\u001b[2Kweb-1  | 2024-04-25T05:32:35.584725130Z  * Serving Flask app')).toBe(
      Date.parse('2024-04-25T05:32:35.584Z'),
    );
    expect(embeddedTimestamp('no time in this line at all, order 2024')).toBeUndefined();
  });
});

describe('plain text detection', () => {
  it('is confident in proportion to timestamped lines, and never takes binary', () => {
    const timed = plainText.detect('2025-03-14 08:00:01 a\n2025-03-14 08:00:02 b\n', context);
    const half = plainText.detect('2025-03-14 08:00:01 a\nno time\n', context);
    expect(timed).toBeGreaterThan(half);
    expect(half).toBeGreaterThan(plainText.detect('just words\nmore words\n', context));
    expect(plainText.detect('abc\u0000\u0001\u0002def', context)).toBe(0);
    // One NUL in a log line is a hostile or broken line, not a binary file.
    const lines = Array.from({ length: 20 }, (_, i) => `2025-03-14 08:00:${String(i).padStart(2, '0')} INFO line ${i}`);
    lines[5] = '2025-03-14 08:00:05 WARN before\u0000after';
    expect(plainText.detect(`${lines.join('\n')}\n`, context)).toBeGreaterThan(0.5);
    expect(plainText.detect('\u0000'.repeat(1000), context)).toBe(0);
  });
});

describe('plain text lines that only JavaScript calls blank (found by fuzzing)', () => {
  it('keeps a line of \\v, \\f or U+3000 as an entry, since the line accounting counts it', async () => {
    const events: string[] = [];
    async function* chunks(): AsyncGenerator<string> {
      yield 'first line\n\u000b\n\u3000\u3000\n\f';
    }
    await plainText.parse(chunks(), { event: (e) => events.push(e.raw), unparsed: (r) => events.push(r.raw), skipped: () => undefined }, context);
    expect(events).toEqual(['first line', '\u000b', '\u3000\u3000', '\f']);
  });
});

describe('plain text judged untimed', () => {
  it('keeps file order when timestamped lines follow the first thousand untimed ones (found by fuzzing)', async () => {
    const lines: number[] = [];
    const text = [...Array.from({ length: 1001 }, (_, i) => `untimed ${i}`), '2025-01-01 10:00:00 timed', 'after it', '2025-01-01 10:00:01 timed', 'last'].join('\n');
    async function* chunks(): AsyncGenerator<string> {
      yield text;
    }
    await plainText.parse(chunks(), { event: (e) => lines.push(e.line), unparsed: (r) => lines.push(r.line), skipped: () => undefined }, context);
    expect(lines).toEqual(Array.from({ length: 1005 }, (_, i) => i + 1));
  });
});
