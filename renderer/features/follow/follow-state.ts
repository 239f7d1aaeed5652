/**
 * Follow mode's state, kept pure: whether the grid follows the newest row, whether it is paused,
 * and how many entries arrived that the user has not been brought to.
 *
 * New entries are counted from the growth of the store's total (`all` of `eventsChanged`), not
 * from the shown count, because the shown count lags behind a query; a total that shrinks (a
 * source closed or read again) counts nothing, and growth after it counts from the new total.
 */
export interface FollowState {
  follow: boolean;
  paused: boolean;
  /** Entries that arrived while not following, or while paused. */
  newCount: number;
  /** The data version the grid shows while paused. */
  heldVersion: number;
  /** The last total seen; null before the first. */
  lastAll: number | null;
}

export type FollowAction =
  | { type: 'arrived'; all: number }
  | { type: 'follow'; on: boolean }
  | { type: 'pause'; on: boolean; version: number }
  | { type: 'jump' };

export const INITIAL_FOLLOW: FollowState = { follow: true, paused: false, newCount: 0, heldVersion: 0, lastAll: null };

/** True when the user sees entries as they arrive, so nothing is "new" to them. */
function watching(state: FollowState): boolean {
  return state.follow && !state.paused;
}

export function followReducer(state: FollowState, action: FollowAction): FollowState {
  switch (action.type) {
    case 'arrived': {
      const grown = state.lastAll === null ? 0 : Math.max(0, action.all - state.lastAll);
      return { ...state, lastAll: action.all, newCount: watching(state) ? 0 : state.newCount + grown };
    }
    case 'follow': {
      const next = { ...state, follow: action.on };
      return watching(next) ? { ...next, newCount: 0 } : next;
    }
    case 'pause': {
      if (action.on === state.paused) return state;
      const next = { ...state, paused: action.on, heldVersion: action.on ? action.version : state.heldVersion };
      return watching(next) ? { ...next, newCount: 0 } : next;
    }
    case 'jump':
      return { ...state, follow: true, paused: false, newCount: 0 };
  }
}
