/**
 * The answer to a request that follows the user's filter and the store's data, for views that
 * recount while files stream in (the timeline, the facet panel):
 *  - asked once at a time and at most every `minIntervalMs` (spacedSingleFlight);
 *  - the previous answer stays on screen while the next one loads, so nothing jumps or blinks;
 *  - an answer is kept only if it still answers the current request (`requestKey`). A data change
 *    alone does not make an answer stale: while a file streams in, every answer is a little old,
 *    and dropping them all would show nothing until the stream ends.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { spacedSingleFlight } from './spaced-single-flight';

export interface LiveResult<T> {
  /** The latest answer (possibly to an earlier request), null before the first. */
  data: T | null;
  /** Why the current request failed, null when it did not. */
  error: string | null;
  /** True while the shown answer is not yet the one for the current request. */
  pending: boolean;
}

interface Answer<T> {
  key: string | null;
  data: T | null;
  error: string | null;
}

/**
 * @param requestKey what the answer depends on (query, limits…) as a string; null asks nothing yet.
 * @param load asks the engine; the latest closure is used for each run.
 * @param dataVersion a change re-asks the same request (the store changed).
 */
export function useLiveResult<T>(requestKey: string | null, load: () => Promise<T>, dataVersion: number, minIntervalMs = 250): LiveResult<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ key: null, data: null, error: null });
  const latest = useRef({ key: requestKey, load });
  latest.current = { key: requestKey, load };
  const mounted = useRef(true);

  const refresh = useMemo(
    () =>
      spacedSingleFlight(async () => {
        const asked = latest.current;
        if (asked.key === null) return;
        try {
          const data = await asked.load();
          if (mounted.current && asked.key === latest.current.key) setAnswer({ key: asked.key, data, error: null });
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          if (mounted.current && asked.key === latest.current.key) setAnswer((previous) => ({ key: asked.key, data: previous.data, error }));
        }
      }, minIntervalMs),
    [minIntervalMs],
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => refresh(), [refresh, requestKey, dataVersion]);

  return { data: answer.data, error: answer.error, pending: answer.key !== requestKey };
}
