/**
 * Turns a thrown value into a failure code that stays the same when the same bug is hit again
 * (error name plus the innermost engine frame, without line numbers, which move with edits) and a
 * message with enough of the stack to find it.
 */

/** Frames from the engine's own sources, not from Node or dependencies. */
const OWN_FRAME = /at (?:(\S+) \()?[^()]*?electron[\\/]engine[\\/](?:[^()\\/]+[\\/])*([^()\\/:]+\.ts)/;

export function errorCode(error: unknown): string {
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  // The reader wraps what went wrong in a SourceError naming the file: the reason is what matters.
  if (error.name === 'SourceError') return `SourceError: ${normalised(error.message.replace(/^.*?: /, ''))}`;
  for (const frame of (error.stack ?? '').split('\n').slice(1)) {
    const match = OWN_FRAME.exec(frame);
    if (match) return `${error.name} in ${match[1] ?? '<anonymous>'} (${match[2]})`;
  }
  return `${error.name}: ${normalised(error.message)}`;
}

/** A message without the numbers that change from input to input, cut to a stable length. */
function normalised(message: string): string {
  return message.replace(/\d+/g, 'N').slice(0, 80);
}

export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '').split('\n').slice(1, 7).map((frame) => frame.trim());
  return [`${error.name}: ${error.message.slice(0, 300)}`, ...frames].join(' | ');
}
