/**
 * The status line's follow controls: Follow keeps the newest entry in view, Pause holds the grid
 * still while entries keep arriving, and "+N new" with "Jump to newest" say what the user missed.
 */
import { formatCount } from '../../format';
import type { FollowView } from './use-follow';

export function FollowControls({ view }: { view: FollowView }) {
  const behind = !view.follow || view.paused;
  return (
    <span className="follow-controls" role="group" aria-label="Follow new entries">
      <button
        type="button"
        className={`toggle${view.follow ? ' on' : ''}`}
        aria-pressed={view.follow}
        onClick={() => view.setFollow(!view.follow)}
        title={view.follow ? 'Stop keeping the newest entry in view' : 'Keep the newest entry in view as entries arrive'}
        data-testid="follow-toggle"
      >
        <span className={`live-dot${view.follow && !view.paused ? '' : ' off'}`} aria-hidden="true" /> Follow
      </button>
      <button
        type="button"
        className={`toggle${view.paused ? ' on' : ''}`}
        aria-pressed={view.paused}
        onClick={() => view.setPaused(!view.paused)}
        title={view.paused ? 'Show the entries that arrived meanwhile' : 'Hold the grid still; new entries are still read and counted'}
        data-testid="pause-toggle"
      >
        {view.paused ? '▶ Resume' : '‖ Pause'}
      </button>
      {behind && view.newCount > 0 && (
        <span className="new-count" data-testid="new-count" aria-live="polite">
          +{formatCount(view.newCount)} new
        </span>
      )}
      {behind && (
        <button type="button" className="primary" onClick={view.jumpToNewest} data-testid="jump-newest">
          Jump to newest ↓
        </button>
      )}
    </span>
  );
}
