/**
 * A small LRU cache for read results keyed on the store's write generation. Saved versions never
 * change, so entries keyed by disclosure id live until evicted; entries over many disclosures
 * (aggregates, lists) also expire after `ttlMs`, so another process's writes show up in time.
 */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly max = 500,
    private readonly ttlMs = 30_000,
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (Date.now() - e.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, at: Date.now() });
    if (this.map.size > this.max) {
      const first = this.map.keys().next().value;
      if (first !== undefined) this.map.delete(first);
    }
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
