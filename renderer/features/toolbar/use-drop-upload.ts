/** Browser mode: files dropped on the page are uploaded (Electron's preload handles drops itself). */
import { useEffect } from 'react';
import type { HostInfo } from '../../../shared/api';

export function useDropUpload(host: HostInfo, upload: (files: File[]) => void): void {
  useEffect(() => {
    if (host.mode !== 'browser') return;
    const over = (event: DragEvent) => event.preventDefault();
    const drop = (event: DragEvent) => {
      event.preventDefault();
      upload([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [host.mode, upload]);
}
