// A bounded memo for pure functions of a string: the most recent `limit` results are kept, the least recently
// used dropped first (a Map keeps insertion order; a hit is re-inserted). For small values computed on every
// uncached page (formatted dates, avatars), where recomputing showed up in the CPU profile (issue 11).
import { LruByBytes } from './lru-bytes.js';

export function rememberRecent<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    const hit = kept.get(key);
    if (hit !== undefined) {
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const value = compute(key);
    if (kept.size >= limit) kept.delete(kept.keys().next().value as string);
    kept.set(key, value);
    return value;
  };
}

/** The same for text computed from long text (a post's HTML): bounded by the bytes of keys and values. */
export function rememberRecentText(maxBytes: number, compute: (key: string) => string): (key: string) => string {
  const kept = new LruByBytes<{ text: string; bytes: number }>(maxBytes);
  return (key) => {
    const hit = kept.get(key);
    if (hit) return hit.text;
    const text = compute(key);
    // UTF-16 in memory: two bytes a code unit, the key counted with its value.
    kept.set(key, { text, bytes: 2 * (key.length + text.length) });
    return text;
  };
}
