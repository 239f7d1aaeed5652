import { describe, expect, it } from 'vitest';
import { mutate } from './mutate';
import { Random } from './random';

const text = new Uint8Array(Buffer.from('2025-01-01 10:00:00 first\n2025-01-01 10:00:01 second\n'));

describe('mutation', () => {
  it('is a function of the seed', () => {
    const once = mutate(text, new Random(Random.derive(1, 'text', 5)), () => text, 'text');
    const again = mutate(text, new Random(Random.derive(1, 'text', 5)), () => text, 'text');
    expect(again).toEqual(once);
    expect(Random.derive(1, 'text', 5)).not.toBe(Random.derive(1, 'text', 6));
  });

  it('changes the bytes, never the original', () => {
    const original = text.slice();
    let changed = 0;
    for (let i = 0; i < 50; i++) if (Buffer.compare(mutate(text, new Random(i), () => text, 'text'), text) !== 0) changed++;
    expect(changed).toBeGreaterThan(40);
    expect(text).toEqual(original);
  });

  it('writes odd values over the fields a binary reader trusts', () => {
    // An .evt record: length, then "LfLe".
    const record = new Uint8Array(0x40);
    record.set([0x40, 0, 0, 0, 0x4c, 0x66, 0x4c, 0x65]);
    const mutated = Array.from({ length: 100 }, (_, i) => mutate(record, new Random(i), () => record, 'evt'));
    expect(mutated.some((bytes) => bytes.length === record.length && bytes[0] !== 0x40)).toBe(true);
  });
});
