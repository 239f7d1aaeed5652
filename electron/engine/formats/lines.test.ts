import { describe, expect, it } from 'vitest';
import { isBlankLine, splitLines } from './lines';

async function collect(chunks: string[]): Promise<[string, number][]> {
  const out: [string, number][] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const { text, line } of splitLines(source())) out.push([text, line]);
  return out;
}

describe('splitLines', () => {
  it('splits LF, CRLF and CR, and keeps a last line without newline', async () => {
    expect(await collect(['a\nb\r\nc\rd'])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
  });

  it('does not invent an empty line when CRLF is cut between chunks', async () => {
    expect(await collect(['one\r', '\ntwo\r', '\n'])).toEqual([
      ['one', 1],
      ['two', 2],
    ]);
  });

  it('joins a line cut between chunks', async () => {
    expect(await collect(['hel', 'lo\nwor', 'ld'])).toEqual([
      ['hello', 1],
      ['world', 2],
    ]);
  });

  it('keeps empty lines in the numbering', async () => {
    expect(await collect(['a\n\nb\n'])).toEqual([
      ['a', 1],
      ['', 2],
      ['b', 3],
    ]);
  });
});

describe('isBlankLine', () => {
  it('is blank exactly where the line accounting says so: spaces, tabs and BOMs only (found by fuzzing)', () => {
    expect(['', ' ', '\t \t', '\ufeff '].every(isBlankLine)).toBe(true);
    // JavaScript's trim() removes these too, but the accounting counts such lines: they must be kept.
    expect(['\u000b', '\f', '\u00a0', '\u3000', '\u2028', ' x'].some(isBlankLine)).toBe(false);
  });
});
