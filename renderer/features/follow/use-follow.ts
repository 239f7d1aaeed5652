/** Follow mode for the app: the state, fed by the engine's change events, and the user's actions. */
import { useCallback, useEffect, useReducer } from 'react';
import type { LogsiftClient } from '../../../shared/api';
import { followReducer, INITIAL_FOLLOW } from './follow-state';

export interface FollowView {
  follow: boolean;
  paused: boolean;
  newCount: number;
  /** The data version the grid should show: held still while paused. */
  gridVersion: number;
  setFollow(on: boolean): void;
  setPaused(on: boolean): void;
  /** Follow again from the newest row, resuming if paused. */
  jumpToNewest(): void;
}

export function useFollow(client: LogsiftClient, dataVersion: number): FollowView {
  const [state, dispatch] = useReducer(followReducer, INITIAL_FOLLOW);
  useEffect(() => client.on('eventsChanged', (change) => dispatch({ type: 'arrived', all: change.all })), [client]);
  const setFollow = useCallback((on: boolean) => dispatch({ type: 'follow', on }), []);
  const setPaused = useCallback((on: boolean) => dispatch({ type: 'pause', on, version: dataVersion }), [dataVersion]);
  const jumpToNewest = useCallback(() => dispatch({ type: 'jump' }), []);
  return {
    follow: state.follow,
    paused: state.paused,
    newCount: state.newCount,
    gridVersion: state.paused ? state.heldVersion : dataVersion,
    setFollow,
    setPaused,
    jumpToNewest,
  };
}
