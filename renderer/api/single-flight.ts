/**
 * Runs an async task at most once at a time: a trigger while it runs schedules exactly one more
 * run afterwards. Used for counts and grid refreshes while a file loads, where change events come
 * faster than queries answer and stale requests would otherwise queue up in the engine.
 */
export function singleFlight(task: () => Promise<unknown>): () => void {
  let running = false;
  let again = false;
  const trigger = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    task()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          trigger();
        }
      });
  };
  return trigger;
}
