/** The toolbar's list of recent sessions: pick one to replace what is open with its files, folders and view. */
import { useCallback, useRef, useState } from 'react';
import type { LogsiftApi } from '../../../shared/api';
import type { Session, SessionSummary } from '../../../shared/model/triage';
import { visibleText } from '../../../shared/text/visible-text';
import { useDismiss } from '../../use-dismiss';

export interface SessionsMenuProps {
  api: LogsiftApi;
  onRestored(restored: { session: Session; missing: string[] }): void;
  onError(message: string): void;
}

function describe(session: SessionSummary): string {
  const parts = [];
  if (session.files.length > 0) parts.push(`${session.files.length} file${session.files.length === 1 ? '' : 's'}`);
  if (session.folders.length > 0) parts.push(`${session.folders.length} folder${session.folders.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

export function SessionsMenu({ api, onRestored, onError }: SessionsMenuProps) {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const close = useCallback(() => setSessions(null), []);
  const anchor = useRef<HTMLDivElement>(null);
  useDismiss(anchor, sessions !== null, close);
  const report = (error: unknown) => onError(error instanceof Error ? error.message : String(error));
  const toggle = () => {
    if (sessions) close();
    else api.listSessions().then(setSessions, report);
  };
  const restore = (id: string) => {
    close();
    api.restoreSession(id).then((restored) => restored && onRestored(restored), report);
  };
  return (
    <div className="menu-anchor" ref={anchor}>
      <button type="button" onClick={toggle} aria-expanded={sessions !== null} data-testid="sessions-button">
        Sessions ▾
      </button>
      {sessions && (
        <ul className="menu sessions-menu" role="menu" data-testid="sessions-menu">
          {sessions.length === 0 && <li className="muted">No saved sessions yet</li>}
          {sessions.map((session) => (
            <li key={session.id}>
              <button type="button" role="menuitem" onClick={() => restore(session.id)} title={visibleText([...session.files, ...session.folders].join('\n'))}>
                <span>{new Date(session.savedAt).toLocaleString()}</span>
                <span className="muted">
                  {describe(session)}: {visibleText([...session.folders, ...session.files].slice(0, 3).map(baseName).join(', '))}
                  {session.files.length + session.folders.length > 3 ? ', …' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
