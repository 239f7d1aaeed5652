/**
 * The pure part of `logsift bench-queries`: choosing filter values from the data and summarising
 * repeated timings. Kept apart from the command so that it can be tested without DuckDB.
 */

/** Timings of one measurement repeated: the first run is the one DuckDB had not warmed up for. */
export interface TimingSummary {
  firstMs: number;
  minMs: number;
  medianMs: number;
}

export function summarizeTimings(runsMs: readonly number[]): TimingSummary {
  if (runsMs.length === 0) throw new Error('no timings to summarise');
  const sorted = [...runsMs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { firstMs: round(runsMs[0]!), minMs: round(sorted[0]!), medianMs: round(median) };
}

/** Milliseconds to a tenth: finer than that is noise for these measurements. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** The middle tenth of a time span: what a user zooming into the timeline asks for. */
export function middleTenth(first: number, last: number): { from: number; to: number } {
  const span = last - first;
  return { from: Math.floor(first + span * 0.45), to: Math.ceil(first + span * 0.55) };
}

/** `count` page offsets spread evenly over `rows` rows, so that a sample sees the whole file. */
export function spreadOffsets(rows: number, count: number, pageSize: number): number[] {
  const last = Math.max(0, rows - pageSize);
  if (count <= 1 || last === 0) return [0];
  return Array.from({ length: count }, (_, i) => Math.round((last * i) / (count - 1)));
}

/** Where a user scrolling deep lands: 100,000 rows before the end, and row 4,900,000 when there is one. */
export function deepScrollOffsets(rows: number): number[] {
  const offsets = [Math.max(0, rows - 100_000)];
  // At exactly 5,000,000 rows the two are one place.
  if (rows > 4_900_000 && offsets[0] !== 4_900_000) offsets.push(4_900_000);
  return offsets;
}

/** Words worth searching for: letters only and long enough that they are not parts of other words. */
const WORD = /[a-z]{5,}/g;

/** The share of `texts` each word is found in (each text counts a word once), in order of first sight. */
export function wordShares(texts: readonly string[]): Map<string, number> {
  const textsWith = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(text.toLowerCase().match(WORD) ?? [])) textsWith.set(word, (textsWith.get(word) ?? 0) + 1);
  }
  return new Map([...textsWith].map(([word, count]) => [word, count / texts.length]));
}

/** Words to pass over: those found in more than `maxShare` of `texts`. */
export interface CommonWords {
  texts: readonly string[];
  maxShare: number;
}

/**
 * The word found in the share of `texts` closest to `share` (on a log scale, so 0.5 % and 2 % are
 * equally far from 1 %), with the share it was found in; undefined when there is none. Ties go to
 * the word first seen, so the choice is repeatable. `common` rules out words that a search would
 * find far more often than the texts suggest (a JSON key in every entry's raw text).
 */
export function wordNearShare(texts: readonly string[], share: number, common?: CommonWords): { word: string; share: number } | undefined {
  const tooCommon = common ? wordShares(common.texts) : new Map<string, number>();
  let best: { word: string; share: number; distance: number } | undefined;
  for (const [word, found] of wordShares(texts)) {
    if ((tooCommon.get(word) ?? 0) > (common?.maxShare ?? 1)) continue;
    const distance = Math.abs(Math.log(found / share));
    if (!best || distance < best.distance) best = { word, share: found, distance };
  }
  return best && { word: best.word, share: best.share };
}

/**
 * A regular expression in the search syntax that makes the engine run a real regex over every
 * row and matches about as many rows as the word alone, so that the two searches compare: the
 * word, then another word after it. The word is letters only, so it needs no escaping.
 */
export function regexSearchFor(word: string): string {
  return `/\\b${word}\\w*\\W+\\w+/`;
}
