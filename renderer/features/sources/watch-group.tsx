/**
 * One watched folder in the source bar: a chip for the folder (state, file count, why it is
 * missing, Unwatch) and a few of its files. A folder of a thousand files must not flood the bar,
 * so the rest sit behind "+N more files", listed in a scrollable popover.
 */
import { useCallback, useRef, useState } from 'react';
import type { WatchInfo } from '../../../shared/model/watch';
import { formatCount } from '../../format';
import { useDismiss } from '../../use-dismiss';
import { LiveFileChip } from './live-file-chip';
import type { WatchGroup as Group } from './watch-groups';

/** Files shown beside the folder chip; the rest are one click away. */
export const INLINE_FILES = 3;

export interface WatchGroupProps {
  group: Group;
  onUnwatch(watchId: number): void;
  onCloseFiles(ids: number[]): void;
}

/** The last two parts of a path: enough to tell folders apart, short enough for a chip. */
function shortPath(path: string): string {
  const parts = path.split(/[\\/]+/).filter((part) => part !== '');
  return parts.length <= 2 ? path : `…/${parts.slice(-2).join('/')}`;
}

function describe(watch: WatchInfo): string {
  const { recursive, include, exclude, polling } = watch.options;
  const lines = [watch.path, recursive ? 'subfolders included' : 'this folder only'];
  if (include.length > 0) lines.push(`only ${include.join(', ')}`);
  if (exclude.length > 0) lines.push(`leaving out ${exclude.join(', ')}`);
  if (polling) lines.push('polling for changes');
  if (watch.note) lines.push(watch.note);
  return lines.join('\n');
}

export function WatchGroup({ group, onUnwatch, onCloseFiles }: WatchGroupProps) {
  const [showAll, setShowAll] = useState(false);
  const moreAnchor = useRef<HTMLSpanElement>(null);
  useDismiss(moreAnchor, showAll, useCallback(() => setShowAll(false), []));
  const { watch, active, files } = group;
  const inline = files.slice(0, INLINE_FILES);
  const rest = files.slice(INLINE_FILES);
  const state = active ? watch.state : 'unwatched';
  // The engine's count includes files the user closed; once unwatched, only what is still loaded counts.
  const fileCount = active ? watch.files : files.length;
  return (
    <li className="watch-group" data-testid="watch-group" data-watch-path={watch.path}>
      <span className={`watch-chip watch-${state}`} data-testid="watch-chip" data-state={state} title={describe(watch)}>
        <span className="folder-icon" aria-hidden="true" />
        <span className="source-name">{shortPath(watch.path)}</span>
        <span className="watch-state">{active ? watch.state : 'no longer watched'}</span>
        <span className="source-counts">
          {formatCount(fileCount)} {fileCount === 1 ? 'file' : 'files'}
        </span>
        {active && watch.note && (
          <span className="watch-note" role={watch.state === 'watching' ? undefined : 'alert'}>
            {watch.note}
          </span>
        )}
        {active ? (
          <button
            type="button"
            className="chip-close"
            aria-label={`Unwatch ${watch.path}`}
            title="Stop watching (loaded entries stay)"
            onClick={() => onUnwatch(watch.id)}
            data-testid="unwatch"
          >
            ✕
          </button>
        ) : (
          <button
            type="button"
            className="chip-close"
            aria-label={`Close the files of ${watch.path}`}
            title="Close these files"
            onClick={() => onCloseFiles(files.map((file) => file.id))}
          >
            ✕
          </button>
        )}
      </span>
      {inline.length > 0 && (
        <ul className="watch-files" aria-label={`Files in ${watch.path}`}>
          {inline.map((source) => (
            <LiveFileChip key={source.id} source={source} onClose={(id) => onCloseFiles([id])} />
          ))}
        </ul>
      )}
      {rest.length > 0 && (
        <span className="menu-anchor" ref={moreAnchor}>
          <button type="button" className="chip-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)} data-testid="more-files">
            +{formatCount(rest.length)} more {rest.length === 1 ? 'file' : 'files'}
          </button>
          {showAll && (
            <ul className="menu more-files" aria-label={`More files in ${watch.path}`} data-testid="more-files-list">
              {rest.map((source) => (
                <LiveFileChip key={source.id} source={source} onClose={(id) => onCloseFiles([id])} />
              ))}
            </ul>
          )}
        </span>
      )}
    </li>
  );
}
