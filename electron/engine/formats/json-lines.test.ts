import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines } from './json-lines';
import { parseJsonLines } from './json-lines-test-helpers';

const context = { fileName: 'x.jsonl', modifiedTime: 0, options: {} };
const detect = (sample: string): number => jsonLines.detect(sample, context);
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'logs');

describe('jsonLines.detect', () => {
  it('claims a file of JSON objects with high confidence', () => {
    const sample = '{"time":"2024-01-01T00:00:00Z","msg":"a"}\n{"time":"2024-01-01T00:00:01Z","msg":"b"}\n';
    expect(detect(sample)).toBeGreaterThanOrEqual(0.9);
  });

  it('still claims a file where most lines are JSON objects', () => {
    const sample = `${'{"a":1}\n'.repeat(8)}panic: oops\n   at x.go:1\n`;
    expect(detect(sample)).toBeGreaterThanOrEqual(0.9);
    expect(detect(sample)).toBeLessThan(detect('{"a":1}\n'.repeat(10)));
  });

  it('leaves text that merely starts with one JSON line to the text formats', () => {
    const sample = `{"config":true}\n${'2024-01-01 10:00:00 INFO started\n'.repeat(9)}`;
    expect(detect(sample)).toBeLessThan(0.7);
  });

  it('says 0 when the file does not start like JSON', () => {
    expect(detect('2024-01-01 10:00:00 {"a":1}\n{"a":2}\n')).toBe(0);
    expect(detect('<Events><Event/></Events>')).toBe(0);
    expect(detect('[2024-01-01 10:00:00] laravel.ERROR: {"a":1}\n')).toBe(0);
    expect(detect('')).toBe(0);
  });

  it('ignores a last line cut off by the end of a full-size sample', () => {
    const line = `{"msg":"${'x'.repeat(200)}"}\n`;
    const sample = `${line.repeat(Math.ceil(65536 / line.length))}`.slice(0, 65536);
    expect(detect(sample)).toBeGreaterThanOrEqual(0.97);
  });

  it('recognises a sample that is all one long, unfinished object', () => {
    expect(detect(`{"records":"${'x'.repeat(70000)}`)).toBe(0.85);
  });

  it('claims a pretty-printed array of objects (ConvertTo-Json)', () => {
    const sample = '[\n    {\n        "Id":  7036,\n        "Message":  "started"\n    },\n    {\n        "Id":  7036\n    }\n]\n';
    expect(detect(sample)).toBeGreaterThanOrEqual(0.9);
  });

  it('says 0 for every other format’s fixture', () => {
    const others = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'jsonl');
    let checked = 0;
    for (const dir of others) {
      for (const name of readdirSync(join(FIXTURES, dir.name)).filter((file) => !file.endsWith('.expected.jsonl') && file !== 'NOTICE.md')) {
        const sample = readFileSync(join(FIXTURES, dir.name, name), 'utf8').replace(/^\uFEFF/, '').slice(0, 65536);
        expect(detect(sample), `${dir.name}/${name}`).toBe(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('jsonLines.parse: lines and accounting', () => {
  it('reads one object per line across chunk boundaries, CRLF and blank lines', async () => {
    const text = '{"msg":"one"}\r\n\r\n{"msg":"two"}\r\n   \n{"msg":"three"}';
    const result = await parseJsonLines(text, {}, 3);
    expect(result.events.map((event) => [event.message, event.line, event.raw])).toEqual([
      ['one', 1, '{"msg":"one"}'],
      ['two', 3, '{"msg":"two"}'],
      ['three', 5, '{"msg":"three"}'],
    ]);
    expect(result.lostLines).toBe(0);
  });

  it('keeps invalid lines as unparsed rows with the parser’s reason', async () => {
    const result = await parseJsonLines('{"a":1}\n{"a": 1\n{"b":2}\n{"c": "unterminated\n[1,2]\n"text"\n');
    expect(result.events.map((event) => event.line)).toEqual([1, 3]);
    expect(result.unparsed.map((row) => [row.line, row.raw])).toEqual([
      [2, '{"a": 1'],
      [4, '{"c": "unterminated'],
      [5, '[1,2]'],
      [6, '"text"'],
    ]);
    expect(result.unparsed[0]!.reason).toMatch(/^JSON value not closed before line 3/);
    expect(result.unparsed[1]!.reason).toMatch(/^invalid JSON: Unterminated string/);
    expect(result.unparsed[2]!.reason).toBe('JSON array, not an object');
    expect(result.unparsed[3]!.reason).toBe('JSON string, not an object');
    expect(result.lostLines).toBe(0);
  });

  it('groups a text line with the indented lines under it (a stack trace)', async () => {
    const text = '{"a":1}\npanic: foo failed\n   level1.py:10\n   level2.py:20\nplain line\n{"a":2}\n';
    const result = await parseJsonLines(text);
    expect(result.events).toHaveLength(2);
    expect(result.unparsed.map((row) => row.raw)).toEqual(['panic: foo failed\n   level1.py:10\n   level2.py:20', 'plain line']);
    expect(result.unparsed[0]!.reason).toMatch(/^invalid JSON: Unexpected token/);
    expect(result.lostLines).toBe(0);
  });

  it('reads pretty-printed objects that follow each other (journalctl -o json-pretty)', async () => {
    const text = '{\n\t"MESSAGE" : "first",\n\t"PRIORITY" : "3"\n}\n{\n\t"MESSAGE" : "second {with} [brackets] \\" and quote"\n}\n';
    const result = await parseJsonLines(text);
    expect(result.events.map((event) => [event.message, event.line, event.level])).toEqual([
      ['first', 1, 'error'],
      ['second {with} [brackets] " and quote', 5, 'unknown'],
    ]);
    expect(result.events[0]!.raw).toBe('{\n\t"MESSAGE" : "first",\n\t"PRIORITY" : "3"\n}');
    expect(result.lostLines).toBe(0);
  });

  it('reads a top-level array one element at a time; brackets are skipped lines', async () => {
    const text = '[\n  {\n    "msg": "one"\n  },\n  {"msg": "two"},\n  {\n    "msg": "three"\n  }\n]\n';
    const result = await parseJsonLines(text, {}, 5);
    expect(result.events.map((event) => [event.message, event.line])).toEqual([
      ['one', 2],
      ['two', 5],
      ['three', 6],
    ]);
    expect(result.events[0]!.raw).toBe('  {\n    "msg": "one"\n  },');
    expect(result.skipped).toBe(2);
    expect(result.lostLines).toBe(0);
  });

  it('reads array elements that share a line with the brackets', async () => {
    const result = await parseJsonLines('[{"msg":"a"},\n {"msg":"b"}]\n');
    expect(result.events.map((event) => [event.message, event.raw])).toEqual([
      ['a', '[{"msg":"a"},'],
      ['b', ' {"msg":"b"}]'],
    ]);
    expect(result.skipped).toBe(0);
    expect(result.lostLines).toBe(0);
  });

  it('keeps several array elements on one line as one unparsed row rather than splitting the line', async () => {
    const result = await parseJsonLines('[{"msg":"a"},{"msg":"b"}]\n');
    expect(result.events).toHaveLength(0);
    expect(result.unparsed[0]!.reason).toBe('2 JSON values on the same lines: expected one per line or pretty-printed');
    expect(result.lostLines).toBe(0);
  });

  it('reports array elements that are not objects', async () => {
    const result = await parseJsonLines('[\n  1,\n  "text",\n  {"msg":"ok"}\n]');
    expect(result.events.map((event) => event.message)).toEqual(['ok']);
    expect(result.unparsed.map((row) => [row.raw, row.reason])).toEqual([
      ['  1,', 'array element is not a JSON object'],
      ['  "text",', 'array element is not a JSON object'],
    ]);
    expect(result.lostLines).toBe(0);
  });

  it('gives up on a value that never closes at the end of the file', async () => {
    const result = await parseJsonLines('{"a":1}\n{\n  "b": {\n    "c": 1\n');
    expect(result.events).toHaveLength(1);
    expect(result.unparsed.map((row) => [row.line, row.reason])).toEqual([[2, 'JSON value not closed at the end of the file']]);
    expect(result.lostLines).toBe(0);
  });

  it('survives hostile entries: deep nesting, many fields, prototype keys', async () => {
    const deep = `{"msg":"deep","x":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])));
    const proto = '{"msg":"proto","__proto__":{"polluted":"yes"},"constructor":"c"}';
    const result = await parseJsonLines(`${deep}\n${wide}\n${proto}\n`, {}, 65536);
    expect(result.events).toHaveLength(3);
    const [deepEvent, wideEvent, protoEvent] = result.events as [(typeof result.events)[0], (typeof result.events)[0], (typeof result.events)[0]];
    expect(Object.values(deepEvent.data ?? {}).some((value) => value.startsWith('(nested deeper than'))).toBe(true);
    const wideData = wideEvent.data as Record<string, string>;
    expect(Object.keys(wideData)).toHaveLength(2001);
    expect(wideData['…']).toBe('3000 more fields not listed: see the raw text');
    expect(wideEvent.message.length).toBeLessThanOrEqual(1001);
    const protoData = protoEvent.data as Record<string, string>;
    expect(Object.hasOwn(protoData, '__proto__.polluted')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.lostLines).toBe(0);
  });
});
