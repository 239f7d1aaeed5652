import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spacedSingleFlight } from './spaced-single-flight';

describe('spacedSingleFlight', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first trigger at once and coalesces a burst into one run after the interval', async () => {
    let runs = 0;
    const trigger = spacedSingleFlight(async () => {
      runs++;
    }, 250);
    trigger();
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) trigger();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
  });

  it('keeps going after a failed run', async () => {
    let runs = 0;
    const trigger = spacedSingleFlight(async () => {
      runs++;
      throw new Error('not built yet');
    }, 250);
    trigger();
    trigger();
    await vi.advanceTimersByTimeAsync(600);
    expect(runs).toBe(2);
  });
});
