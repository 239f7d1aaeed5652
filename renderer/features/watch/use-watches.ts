/** The watched folders, as the engine announces them. */
import { useEffect, useState } from 'react';
import type { LogsiftClient } from '../../../shared/api';
import type { WatchInfo } from '../../../shared/model/watch';

export function useWatches(client: LogsiftClient): WatchInfo[] {
  const [watches, setWatches] = useState<WatchInfo[]>([]);
  useEffect(() => {
    let announced = false;
    const stop = client.on('watchesChanged', (next) => {
      announced = true;
      setWatches(next);
    });
    // An announcement that overtook the initial list is newer: the list must not overwrite it.
    client.listWatches().then((list) => announced || setWatches(list), () => undefined);
    return stop;
  }, [client]);
  return watches;
}
