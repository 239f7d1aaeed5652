/** One chip per opened file: its format and encoding, a progress bar while loading, its problems. */
import type { SourceInfo } from '../../../shared/model/log-event';
import { formatCount } from '../../format';

export function SourceBar({ sources, onClose }: { sources: SourceInfo[]; onClose(id: number): void }) {
  if (sources.length === 0) return null;
  return (
    <ul className="source-bar" aria-label="Open files">
      {sources.map((source) => (
        <li key={source.id} className={`source-chip status-${source.status}`} data-testid="source-chip" title={source.path}>
          <span className="source-name">{source.name}</span>
          {source.formatLabel && (
            <span className="source-format">
              {source.formatLabel}
              {source.encoding ? ` · ${source.encoding}` : ''}
            </span>
          )}
          {source.status === 'loading' && (
            <progress
              max={Math.max(1, source.bytesTotal)}
              value={source.bytesRead}
              aria-label={`Loading ${source.name}`}
              data-testid="load-progress"
            />
          )}
          {source.status !== 'error' && (
            <span className="source-counts">
              {formatCount(source.events)} entries
              {source.unparsed > 0 ? `, ${formatCount(source.unparsed)} unparsed` : ''}
            </span>
          )}
          {source.errors.map((error) => (
            <span key={error} className="source-error" role="alert">
              {error}
            </span>
          ))}
          <button type="button" className="chip-close" aria-label={`Close ${source.name}`} onClick={() => onClose(source.id)}>
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
