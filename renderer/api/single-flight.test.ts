import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight';

describe('singleFlight', () => {
  it('runs once at a time and once more for any triggers that came meanwhile', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const trigger = singleFlight(() => {
      runs++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    trigger();
    trigger();
    trigger();
    expect(runs).toBe(1);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2);
  });
});
