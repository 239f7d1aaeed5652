import { describe, expect, it } from 'vitest';
import { splitLines } from './lines';

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
