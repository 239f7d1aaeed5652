import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache';

describe('ResultCache', () => {
  it('answers a key once, even when asked again before the answer is ready', async () => {
    const cache = new ResultCache<number>(4);
    let computed = 0;
    const compute = async (): Promise<number> => ++computed;
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b, computed]).toEqual([1, 1, 1]);
  });

  it('forgets the least recently used key past its capacity', async () => {
    const cache = new ResultCache<string>(2);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // a is now the most recently used
    await cache.get('c', async () => 'c1'); // so b goes
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a3')).toBe('a1');
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
  });

  it('does not keep a failure', async () => {
    const cache = new ResultCache<string>(2);
    await expect(cache.get('k', async () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });
});
