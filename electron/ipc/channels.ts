import { CHANNEL_PREFIX } from '../../shared/api';

/** The one host-only channel: paths of files dropped on the window, sent by the preload. */
export const DROPPED_PATHS_CHANNEL = `${CHANNEL_PREFIX}host:dropped-paths`;
