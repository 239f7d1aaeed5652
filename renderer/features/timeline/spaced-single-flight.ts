/**
 * `singleFlight` (one request at a time, one more for any triggers meanwhile) that also leaves at
 * least `minIntervalMs` between the starts of two runs. While a file streams in, change events
 * come many times a second; recounting facets and the histogram that often would keep the engine
 * busy for nothing, while a first trigger after a quiet spell still runs at once.
 */
import { singleFlight } from '../../api/single-flight';

export function spacedSingleFlight(
  task: () => Promise<unknown>,
  minIntervalMs: number,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): () => void {
  return singleFlight(async () => {
    const started = Date.now();
    try {
      await task();
    } finally {
      // Holding the flight open keeps later triggers queued (as one run) until the interval is over.
      const rest = minIntervalMs - (Date.now() - started);
      if (rest > 0) await wait(rest);
    }
  });
}
