/** "Watch folder…": Electron shows its folder dialog; a browser asks for the path in a small form. */
import { useCallback, useRef, useState } from 'react';
import type { HostInfo, LogsiftApi } from '../../../shared/api';
import { useDismiss } from '../../use-dismiss';
import { WatchFolderForm } from './watch-folder-form';

export interface WatchFolderButtonProps {
  api: LogsiftApi;
  host: HostInfo;
  onError(message: string): void;
}

export function WatchFolderButton({ api, host, onError }: WatchFolderButtonProps) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(anchor, open, close);
  const click = () => {
    if (host.canPickFiles) api.watchFolderDialog().catch((error: unknown) => onError(error instanceof Error ? error.message : String(error)));
    else setOpen(!open);
  };
  return (
    <div className="menu-anchor" ref={anchor}>
      <button type="button" onClick={click} aria-expanded={host.canPickFiles ? undefined : open} data-testid="watch-folder-button">
        Watch folder…
      </button>
      {open && <WatchFolderForm api={api} onDone={close} />}
    </div>
  );
}
