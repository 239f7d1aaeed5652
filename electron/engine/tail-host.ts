/** What the tail service needs from the engine: sources for followed files, and storing what they gain. */
import type { BookmarkService } from './bookmarks/bookmark-service';
import type { ChangeEmitter } from './emitter';
import type { KbService } from './kb/kb-service';
import type { SourceRegistry } from './source-registry';
import type { EventStore } from './store/event-store';
import type { TailHost } from './tail/tail-service';

export interface TailHostParts {
  sources: SourceRegistry;
  store: EventStore;
  bookmarks: BookmarkService;
  kb: KbService;
  emitter: ChangeEmitter;
}

export function tailHost({ sources, store, bookmarks, kb, emitter }: TailHostParts): TailHost {
  return {
    addLiveSource: (path, watchId) => {
      const source = sources.add({ path, readPath: path });
      Object.assign(source, { status: 'ready', live: { watchId, state: 'following', notes: [] } });
      sources.track(bookmarks.liveSourceAdded(source));
      return source;
    },
    store: (items) => sources.storeBatches(items),
    sourcesChanged: () => sources.scheduleChange(),
    // `source:` searches match the file name: a renamed file's source is found by its new one.
    sourceRenamed: (source) => void store.registerSource(source.id, source.name),
    watchesChanged: (watches) => emitter.emit('watchesChanged', watches),
    kbRules: () => kb.entries(),
  };
}
