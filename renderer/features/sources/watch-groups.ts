/**
 * Sorts the sources into what the source bar shows: files opened by hand, and per watched folder
 * the files followed in it. A folder that is no longer watched keeps its files (their entries stay
 * loaded), so its group stays too, under the path the renderer last saw for it.
 */
import { useMemo, useRef } from 'react';
import type { SourceInfo } from '../../../shared/model/log-event';
import type { WatchInfo } from '../../../shared/model/watch';

export interface WatchGroup {
  watch: WatchInfo;
  /** False once the folder is no longer watched (its files are still loaded). */
  active: boolean;
  /** Followed files, the ones worth a look first: unreadable, then followed, then gone; newest first. */
  files: SourceInfo[];
}

const STATE_ORDER = { unreadable: 0, following: 1, gone: 2 } as const;

/** The folder all `paths` are in: the best name for a watch the renderer never saw (a reload after Unwatch). */
function commonFolder(paths: string[]): string {
  const split = paths.map((path) => path.split(/(?<=[\\/])/));
  const first = split[0] ?? [];
  let length = first.length - 1;
  for (const parts of split) {
    let same = 0;
    while (same < length && parts[same] === first[same]) same++;
    length = same;
  }
  return first.slice(0, length).join('').replace(/[\\/]$/, '') || 'an unwatched folder';
}

function byInterest(a: SourceInfo, b: SourceInfo): number {
  const state = STATE_ORDER[a.live?.state ?? 'gone'] - STATE_ORDER[b.live?.state ?? 'gone'];
  return state !== 0 ? state : b.id - a.id;
}

export function useWatchGroups(sources: SourceInfo[], watches: WatchInfo[]): { opened: SourceInfo[]; groups: WatchGroup[] } {
  // Every watch ever seen, so files of an unwatched folder can still be shown under its path.
  const seen = useRef(new Map<number, WatchInfo>());
  return useMemo(() => {
    for (const watch of watches) seen.current.set(watch.id, watch);
    const active = new Set(watches.map((watch) => watch.id));
    const files = new Map<number, SourceInfo[]>();
    const opened: SourceInfo[] = [];
    for (const source of sources) {
      if (!source.live) {
        opened.push(source);
        continue;
      }
      const list = files.get(source.live.watchId) ?? [];
      list.push(source);
      files.set(source.live.watchId, list);
    }
    const groups: WatchGroup[] = watches.map((watch) => ({ watch, active: true, files: (files.get(watch.id) ?? []).sort(byInterest) }));
    for (const [watchId, list] of files) {
      if (active.has(watchId)) continue;
      const watch: WatchInfo = seen.current.get(watchId) ?? {
        id: watchId,
        path: commonFolder(list.map((source) => source.path)),
        options: { recursive: true, include: [], exclude: [], polling: false },
        state: 'watching',
        note: null,
        files: list.length,
      };
      groups.push({ watch, active: false, files: list.sort(byInterest) });
    }
    return { opened, groups };
  }, [sources, watches]);
}
