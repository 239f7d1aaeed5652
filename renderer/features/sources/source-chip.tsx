/** One opened file: its format and encoding, a progress bar while loading, its problems. */
import { useState } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/model/log-event';
import { visibleText } from '../../../shared/text/visible-text';
import { formatCount } from '../../format';
import { ReadAsPopover } from './read-as-popover';
import { formatOffset, sourceColor } from './source-colors';
import { VisibleText } from '../text/visible-text';

export interface SourceChipProps {
  api: LogsiftApi;
  source: SourceInfo;
  /** False when the user hid this source's entries from the merged grid. */
  shown: boolean;
  onToggleShown(id: number): void;
  onClose(id: number): void;
  onError(message: string): void;
}

function describeOptions(source: SourceInfo): string {
  const parts = [];
  if (source.readOptions.timeZone) parts.push(`times in ${source.readOptions.timeZone}`);
  if (source.readOptions.dayFirst) parts.push('day first');
  if (source.clockOffsetMs !== 0) parts.push(`clock ${formatOffset(source.clockOffsetMs)}`);
  return parts.length > 0 ? ` · ${parts.join(', ')}` : '';
}

export function SourceChip({ api, source, shown, onToggleShown, onClose, onError }: SourceChipProps) {
  const [readingAs, setReadingAs] = useState(false);
  // File names are chosen by whoever wrote the file: hidden characters as markers in labels too.
  const name = visibleText(source.name);
  return (
    <li className={`source-chip status-${source.status}${shown ? '' : ' source-hidden'}`} data-testid="source-chip" title={visibleText(source.path)}>
      <label className="source-shown" title={shown ? `Hide ${name}'s entries from the grid` : `Show ${name}'s entries`}>
        <input type="checkbox" checked={shown} onChange={() => onToggleShown(source.id)} data-testid="source-shown" />
        <span className="source-dot" style={{ background: sourceColor(source.id) }} aria-hidden="true" />
      </label>
      <span className="source-name">
        <VisibleText text={source.name} />
      </span>
      {source.formatLabel && (
        <span className="source-format" title={source.confidence !== null ? `detection confidence ${Math.round(source.confidence * 100)}%` : undefined}>
          {source.formatLabel}
          {source.encoding ? ` · ${source.encoding}` : ''}
          {describeOptions(source)}
        </span>
      )}
      <span className="menu-anchor">
        <button type="button" className="chip-button" onClick={() => setReadingAs(!readingAs)} aria-expanded={readingAs} data-testid="read-as-button">
          Read as…
        </button>
        {readingAs && <ReadAsPopover api={api} source={source} onClose={() => setReadingAs(false)} onError={onError} />}
      </span>
      {source.status === 'loading' && (
        <progress max={Math.max(1, source.bytesTotal)} value={source.bytesRead} aria-label={`Loading ${name}`} data-testid="load-progress" />
      )}
      {source.status !== 'error' && (
        <span className="source-counts">
          {formatCount(source.events)} entries
          {source.unparsed > 0 ? `, ${formatCount(source.unparsed)} unparsed` : ''}
        </span>
      )}
      {source.damage.length > 0 && (
        <span className="source-damage" title={visibleText(source.damage.join('\n'))} data-testid="source-damage">
          ⚠ {source.damage.length} damaged {source.damage.length === 1 ? 'region' : 'regions'} ({formatCount(source.damagedBytes)} bytes) skipped
        </span>
      )}
      {source.errors.map((error) => (
        <span key={error} className="source-error" role="alert">
          <VisibleText text={error} />
        </span>
      ))}
      <button type="button" className="chip-close" aria-label={`Close ${name}`} onClick={() => onClose(source.id)}>
        ✕
      </button>
    </li>
  );
}
