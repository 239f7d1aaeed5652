/** Glob fields are typed as one comma-separated line; the engine wants a list. */
export function parseGlobs(text: string): string[] {
  return text
    .split(',')
    .map((glob) => glob.trim())
    .filter((glob) => glob !== '');
}
