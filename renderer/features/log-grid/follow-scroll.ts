/**
 * Follow mode, grid side: keeps the newest row in view while following, and tells when the user
 * scrolls away from it. The newest row is the last one in the default order (time ascending) and
 * the first when sorted by time descending; sorted by anything else, new entries land anywhere,
 * so following leaves the view alone.
 *
 * Only scrolls the user asked for count: the grid also moves by itself (a new query resets it to
 * one row, clamping the scroll position; our own jumps scroll too), and taking those for the user
 * leaving the bottom would switch follow off behind their back. So follow goes off only on a
 * scroll that comes with a gesture on the grid (wheel, key, scrollbar drag or swipe) and ends up
 * higher than where the gesture began. The start is read when the gesture begins, not taken from
 * the previous scroll event: the grid does not report all of its own scrolls, so that one can be
 * stale; and a jump down right after a wheel up must not count as the wheel's.
 */
import type { BodyScrollEvent, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { EventRow } from '../../../shared/model/log-event';

/** How long after a wheel or key a scroll still counts as the user's (smooth scrolling lags). */
const INTENT_MS = 600;

/** Where the newest entry is in the grid's current order; null when the order is not by time. */
function newestEnd(api: GridApi<EventRow>): 'top' | 'bottom' | null {
  const primary = api
    .getColumnState()
    .filter((column) => column.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))[0];
  if (!primary) return 'bottom';
  if (primary.colId !== 'time') return null;
  return primary.sort === 'desc' ? 'top' : 'bottom';
}

/** The user's latest gesture on the grid: until when its scrolling lasts, and where it began. */
interface Intent {
  until: number;
  fromTop: number;
}

export interface FollowScroll {
  onBodyScroll(event: BodyScrollEvent<EventRow>): void;
  /** Call whenever the grid's rows may have changed (model updated, refresh done). */
  keepNewestInView(): void;
}

export function useFollowScroll(
  gridApi: RefObject<GridApi<EventRow> | null>,
  host: RefObject<HTMLElement | null>,
  follow: boolean,
  onFollowChange: (follow: boolean) => void,
): FollowScroll {
  // Read by grid callbacks between renders: a user scroll must stop following at once, before the
  // next model update pulls the view back down.
  const following = useRef(follow);
  const intent = useRef<Intent>({ until: 0, fromTop: 0 });
  const pointerHeld = useRef(false);
  const frame = useRef(0);
  const notify = useRef(onFollowChange);
  notify.current = onFollowChange;

  const keepNewestInView = useCallback(() => {
    if (!following.current || frame.current) return;
    // After the grid has rendered the change: scrolling inside its own event handling is undone.
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const api = gridApi.current;
      if (!following.current || !api || api.isDestroyed()) return;
      const count = api.getDisplayedRowCount();
      const end = newestEnd(api);
      if (count === 0 || !end) return;
      if (end === 'bottom') api.ensureIndexVisible(count - 1, 'bottom');
      else api.ensureIndexVisible(0, 'top');
    });
  }, [gridApi]);

  useEffect(() => {
    following.current = follow;
    if (follow) keepNewestInView();
  }, [follow, keepNewestInView]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const top = () => gridApi.current?.getVerticalPixelRange().top ?? 0;
    const gesture = () => (intent.current = { until: performance.now() + INTENT_MS, fromTop: top() });
    // A click or key on the header sorts, and a new order starts at the top: not a scroll.
    const inHeader = (event: Event) => event.target instanceof Element && event.target.closest('.ag-header') !== null;
    const key = (event: KeyboardEvent) => inHeader(event) || gesture();
    // Dragging the scrollbar or a touch swipe (pointer events cover both): the press lands on the
    // grid, the release may land anywhere, and momentum can carry the scroll a little further.
    const press = (event: PointerEvent) => {
      if (inHeader(event)) return;
      pointerHeld.current = true;
      gesture();
    };
    const release = () => {
      if (!pointerHeld.current) return;
      pointerHeld.current = false;
      intent.current = { ...intent.current, until: performance.now() + INTENT_MS };
    };
    element.addEventListener('wheel', gesture, { passive: true });
    element.addEventListener('keydown', key);
    element.addEventListener('pointerdown', press);
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
    return () => {
      element.removeEventListener('wheel', gesture);
      element.removeEventListener('keydown', key);
      element.removeEventListener('pointerdown', press);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, [host, gridApi]);

  const onBodyScroll = useCallback(
    (event: BodyScrollEvent<EventRow>) => {
      const api = gridApi.current;
      if (event.direction !== 'vertical' || !following.current || !api) return;
      const { until, fromTop } = intent.current;
      if (!pointerHeld.current && performance.now() >= until) return;
      const end = newestEnd(api);
      if ((end === 'bottom' && event.top < fromTop) || (end === 'top' && event.top > fromTop)) {
        following.current = false;
        notify.current(false);
      }
    },
    [gridApi],
  );

  return { onBodyScroll, keepNewestInView };
}
