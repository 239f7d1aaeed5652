/**
 * The status bar's loading and live-tail state: overall progress while files load (bytes read of
 * all loading files), then how many files are followed and whether any has trouble.
 */
import type { SourceInfo } from '../../../shared/model/log-event';
import { formatCount } from '../../format';

export function LoadProgress({ sources }: { sources: SourceInfo[] }) {
  const loading = sources.filter((source) => source.status === 'loading');
  const live = sources.filter((source) => source.live !== null);
  const troubled = live.filter((source) => source.live?.state !== 'following');
  const failed = sources.filter((source) => source.status === 'error');
  const read = loading.reduce((sum, source) => sum + source.bytesRead, 0);
  const total = loading.reduce((sum, source) => sum + Math.max(source.bytesTotal, source.bytesRead), 0);
  return (
    <>
      {loading.length > 0 && (
        <span className="status-item" data-testid="status-loading">
          {/* A fixed-width bar: the line must not jump as the numbers change. */}
          <progress max={Math.max(1, total)} value={read} aria-label="Loading" />
          loading {formatCount(loading.length)} file{loading.length === 1 ? '' : 's'}
          {total > 0 ? ` · ${Math.floor((read / total) * 100)}%` : ''}
        </span>
      )}
      {live.length > 0 && (
        <span className="status-item" data-testid="status-live" title={troubled.map((source) => `${source.name}: ${source.live?.state}`).join('\n')}>
          ● following {formatCount(live.length)} file{live.length === 1 ? '' : 's'}
          {troubled.length > 0 ? ` (${formatCount(troubled.length)} gone or unreadable)` : ''}
        </span>
      )}
      {failed.length > 0 && (
        <span className="status-item status-error" title={failed.map((source) => `${source.name}: ${source.errors.join('; ')}`).join('\n')}>
          {formatCount(failed.length)} file{failed.length === 1 ? '' : 's'} could not be read
        </span>
      )}
    </>
  );
}
