/** The loaded sources: one chip per opened file, and per watched folder its chip and followed files. */
import type { LogsiftApi } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/model/log-event';
import type { WatchInfo } from '../../../shared/model/watch';
import { SourceChip } from './source-chip';
import { WatchGroup } from './watch-group';
import { useWatchGroups } from './watch-groups';

export interface SourceBarProps {
  api: LogsiftApi;
  sources: SourceInfo[];
  watches: WatchInfo[];
  /** Sources the user hid from the merged grid. */
  hiddenSourceIds: ReadonlySet<number>;
  onToggleShown(id: number): void;
  onClose(id: number): void;
  onUnwatch(watchId: number): void;
  onError(message: string): void;
}

export function SourceBar({ api, sources, watches, hiddenSourceIds, onToggleShown, onClose, onUnwatch, onError }: SourceBarProps) {
  const { opened, groups } = useWatchGroups(sources, watches);
  if (opened.length === 0 && groups.length === 0) return null;
  return (
    <ul className="source-bar" aria-label="Open files and watched folders">
      {groups.map((group) => (
        <WatchGroup key={group.watch.id} group={group} onUnwatch={onUnwatch} onCloseFiles={(ids) => ids.forEach(onClose)} />
      ))}
      {opened.map((source) => (
        <SourceChip
          key={source.id}
          api={api}
          source={source}
          shown={!hiddenSourceIds.has(source.id)}
          onToggleShown={onToggleShown}
          onClose={onClose}
          onError={onError}
        />
      ))}
    </ul>
  );
}
