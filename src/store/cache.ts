/**
 * A small LRU cache for read results keyed on the store's write generation. Saved versions never
 * change, so entries keyed by disclosure id live until evicted; entries over many disclosures
 * (aggregates, lists) also expire after `ttlMs`, so another process's writes show up in time.
 */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; at: number; weight: number }>();
  private weight = 0;
  /**
   * @param max most entries
   * @param ttlMs lifetime of an entry
   * @param budget optional bound on the summed `weigh(value)` (e.g. bytes of rendered pages)
   */
  constructor(
    private readonly max = 500,
    private readonly ttlMs = 30_000,
    private readonly budget?: { max: number; weigh: (v: V) => number },
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (Date.now() - e.at > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = this.budget?.weigh(value) ?? 0;
    if (this.budget && weight > this.budget.max) return;
    this.map.set(key, { value, at: Date.now(), weight });
    this.weight += weight;
    while (this.map.size > this.max || (this.budget && this.weight > this.budget.max)) {
      const first = this.map.keys().next().value;
      if (first === undefined) break;
      this.delete(first);
    }
  }

  /**
   * Weighs an entry again after its value grew (e.g. a compressed form kept beside it), and evicts
   * the least recently used entries beyond the budget, this one too if it alone is over.
   */
  reweigh(key: string): void {
    const e = this.map.get(key);
    if (!e || !this.budget) return;
    const weight = this.budget.weigh(e.value);
    this.weight += weight - e.weight;
    e.weight = weight;
    if (weight > this.budget.max) this.delete(key);
    while (this.weight > this.budget.max) {
      const first = this.map.keys().next().value;
      if (first === undefined) break;
      this.delete(first);
    }
  }

  /** The summed weight of the entries (bytes, for a cache with a budget). */
  get weighed(): number {
    return this.weight;
  }

  private delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.weight -= e.weight;
    this.map.delete(key);
  }

  /** Gets or computes; concurrent misses for one key share the same promise. */
  async wrap(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const pending = this.pending.get(key);
    if (pending) return pending;
    const p = compute().then(
      (v) => {
        this.pending.delete(key);
        this.set(key, v);
        return v;
      },
      (e) => {
        this.pending.delete(key);
        throw e;
      },
    );
    this.pending.set(key, p);
    return p;
  }
  private readonly pending = new Map<string, Promise<V>>();
}
