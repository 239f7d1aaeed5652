/**
 * Which IPC calls are ours: from the main window's web contents, from its main frame (not an
 * iframe), showing the app's own page. Kept free of Electron's runtime so that it is unit-tested.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';

/** What the check reads of an IPC event. */
export interface IpcSender {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

export type SenderCheck = (event: IpcMainInvokeEvent | IpcSender) => boolean;

/** A check that accepts calls from `contents`' top frame while it shows `rendererUrl` (any #fragment). */
export function trustedSenderCheck(contents: WebContents | object, rendererUrl: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (event.sender !== contents || !frame || frame.parent !== null) return false;
    return frame.url.split('#')[0] === rendererUrl;
  };
}
