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
    /**
     * How long after `ttlMs` an expired entry may still be answered by `wrap` while it is computed
     * again in the background (stale-while-revalidate): results that are slow to compute (an
     * aggregate over 300,000 disclosures, ~1 s) then never make a request wait once they are known.
     * 0: an expired entry is a miss.
     */
    private readonly staleMs = 0,
  ) {}

  get(key: string): V | undefined {
    return this.entry(key, false)?.value;
  }

  /** The entry for `key` if within its lifetime, or (`stale`) within the stale allowance too. */
  private entry(key: string, stale: boolean): { value: V; at: number; weight: number } | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    const age = Date.now() - e.at;
    if (age > this.ttlMs + this.staleMs) {
      this.delete(key);
      return undefined;
    }
    if (age > this.ttlMs && !stale) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e;
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

  /**
   * Gets or computes; concurrent misses for one key share the same promise. An entry past its
   * lifetime but within the cache's stale allowance is answered as it is while one computation
   * refreshes it (a failed refresh leaves the stale entry to expire).
   */
  async wrap(key: string, compute: () => Promise<V>): Promise<V> {
    const e = this.entry(key, true);
    if (e !== undefined) {
      if (Date.now() - e.at > this.ttlMs && !this.pending.has(key)) this.load(key, compute).catch(() => {});
      return e.value;
    }
    return this.pending.get(key) ?? this.load(key, compute);
  }

  private load(key: string, compute: () => Promise<V>): Promise<V> {
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

/**
 * A number per store object, for keys of caches shared by every store in the process (tests open
 * several): entries of one store never answer for another.
 */
const storeNumbers = new WeakMap<object, number>();
let nextStoreNumber = 0;
export function storeKey(store: object): number {
  let n = storeNumbers.get(store);
  if (n === undefined) {
    n = nextStoreNumber++;
    storeNumbers.set(store, n);
  }
  return n;
}
