/**
 * Names of bookmark sidecar files. They sit beside the logs (`app.log.logsift.json`), so folder
 * loading and folder watching must recognise them — and the temporary files they are written
 * through — and never read them as logs. Kept free of other imports: the tail worker bundles it.
 */

/** Appended to a log's path to name its sidecar. */
export const SIDECAR_SUFFIX = '.logsift.json';

/** A sidecar, or the temporary file a sidecar is written through (`….logsift.json.<pid>-<n>.tmp`). */
const SIDECAR_NAME = /\.logsift\.json(\.\d+-\d+\.tmp)?$/i;

/** True for a sidecar file's name or path (and for its temporary files). */
export function isSidecarName(nameOrPath: string): boolean {
  return SIDECAR_NAME.test(nameOrPath);
}

let temporaries = 0;

/** A fresh temporary name beside `target`, matched by isSidecarName when `target` is a sidecar. */
export function temporaryPathFor(target: string): string {
  return `${target}.${process.pid}-${++temporaries}.tmp`;
}
