/** A map that holds at most a fixed number of entries (see {@link boundedCache}). */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  readonly size: number;
}

/**
 * A map of at most `maxEntries` entries that forgets the oldest one when full: for
 * decisions worth remembering for the few keys a program uses over and over, without
 * letting a program that uses endless distinct keys (ids in paths) grow memory.
 */
export function boundedCache<K, V>(maxEntries: number): BoundedCache<K, V> {
  const map = new Map<K, V>();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      if (maxEntries <= 0) return;
      if (!map.has(key) && map.size >= maxEntries) {
        const oldest = map.keys().next();
        if (!oldest.done) map.delete(oldest.value);
      }
      map.set(key, value);
    },
    get size() {
      return map.size;
    },
  };
}
