/**
 * Sessions, renderer side: saves the view (filters, columns, hidden sources) whenever it changes,
 * and when Logsift starts with nothing open, restores the last session's files, folders and view.
 * The engine keeps the file list itself: the renderer never hands it a path to open.
 */
import { useEffect, useRef, useState } from 'react';
import type { LogsiftClient } from '../../../shared/api';
import type { SessionView } from '../../../shared/model/triage';

/** Saves wait for the view to stay still this long (typing in the search box changes it often). */
const SAVE_DELAY_MS = 400;

export interface SessionState {
  /** True once the start-up restore has been decided (done, or nothing to restore). */
  ready: boolean;
  /** Files of the restored session that no longer exist, to tell the user. */
  missing: string[];
}

export function useSession(client: LogsiftClient, view: SessionView, applyView: (view: SessionView) => void): SessionState {
  const [state, setState] = useState<SessionState>({ ready: false, missing: [] });
  const apply = useRef(applyView);
  apply.current = applyView;

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const [sources, watches, sessions] = await Promise.all([client.listSources(), client.listWatches(), client.listSessions()]);
        // Started with files (command line, drop) or restarted with the server's files: that is the session.
        if (sources.length > 0 || watches.length > 0 || sessions.length === 0) return;
        const restored = await client.restoreSession(sessions[0]!.id);
        if (cancelled || !restored) return;
        apply.current(restored.session.view);
        setState({ ready: true, missing: restored.missing });
      } catch {
        // A session that cannot be restored leaves an empty window, which is where the user started anyway.
      } finally {
        if (!cancelled) setState((current) => (current.ready ? current : { ...current, ready: true }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client]);

  // Saved only once the start-up restore is settled, so an empty first view never replaces the last session.
  const serialized = JSON.stringify(view);
  useEffect(() => {
    if (!state.ready) return;
    const timer = setTimeout(() => void client.saveSession(JSON.parse(serialized) as SessionView).catch(() => undefined), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, serialized, state.ready]);

  return state;
}
