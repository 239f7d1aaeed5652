/**
 * A small least-recently-used cache of answers (promises, so that the same question asked twice
 * while the first is running is answered once). A rejected answer is dropped, not kept.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) {
      // Map keeps insertion order: moving the entry to the end marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const answer = compute();
    this.entries.set(key, answer);
    answer.catch(() => {
      if (this.entries.get(key) === answer) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return answer;
  }

  get size(): number {
    return this.entries.size;
  }
}
