/**
 * A file followed in a watched folder, compactly: a live dot while it is followed, "gone" or
 * "unreadable" otherwise, its entry count and the latest thing that happened to it (rotated,
 * truncated, deleted); the whole story is in the tooltip.
 */
import type { SourceInfo } from '../../../shared/model/log-event';
import { visibleText } from '../../../shared/text/visible-text';
import { formatCount } from '../../format';
import { VisibleText } from '../text/visible-text';

export interface LiveFileChipProps {
  source: SourceInfo;
  onClose(id: number): void;
}

const STATE_TEXT = { following: 'following', gone: 'gone', unreadable: 'unreadable' } as const;

function tooltip(source: SourceInfo): string {
  const lines = [source.path];
  if (source.formatLabel) lines.push(`${source.formatLabel}${source.encoding ? ` · ${source.encoding}` : ''}`);
  lines.push(...source.errors, ...(source.live?.notes ?? []));
  return visibleText(lines.join('\n'));
}

export function LiveFileChip({ source, onClose }: LiveFileChipProps) {
  const state = source.live?.state ?? 'gone';
  const notes = source.live?.notes ?? [];
  const latest = notes.at(-1);
  return (
    // The same test id as an opened file's chip: either way it is one source in the bar.
    <li className={`source-chip live-chip live-${state}`} data-testid="source-chip" data-live-state={state} title={tooltip(source)}>
      {state === 'following' ? (
        <span className="live-dot" role="img" aria-label={STATE_TEXT[state]} />
      ) : (
        <span className="live-state">{STATE_TEXT[state]}</span>
      )}
      <span className="source-name">
        <VisibleText text={source.name} />
      </span>
      <span className="source-counts">
        {formatCount(source.events)} {source.events === 1 ? 'entry' : 'entries'}
        {source.unparsed > 0 ? `, ${formatCount(source.unparsed)} unparsed` : ''}
      </span>
      {source.errors.length > 0 && (
        <span className="source-error" aria-label={`${source.errors.length} problems`}>
          ⚠
        </span>
      )}
      {latest && (
        <span className="live-note" data-testid="live-note">
          <VisibleText text={latest} />
        </span>
      )}
      <button type="button" className="chip-close" aria-label={`Close ${visibleText(source.name)}`} onClick={() => onClose(source.id)}>
        ✕
      </button>
    </li>
  );
}
