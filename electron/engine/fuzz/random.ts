/**
 * A small seeded generator (mulberry32) for the mutation fuzzer: every input is a function of the
 * run's seed, the target and the input's number, so a run can be repeated with `--seed`.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Derives a seed from a base seed and labels (target name, input number). */
  static derive(seed: number, ...labels: (string | number)[]): number {
    let hash = (seed ^ 0x9e3779b9) >>> 0;
    for (const label of labels) {
      for (const c of String(label)) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
      hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0;
    }
    return hash;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * Math.max(0, bound));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** A 32-bit seed for fast-check. */
  seed(): number {
    return this.below(2 ** 31);
  }
}
