// A bounded memo for pure functions of a string: the most recent `limit` results are kept, the least recently
// used dropped first (a Map keeps insertion order; a hit is re-inserted). For small values computed on every
// uncached page (formatted dates, avatars), where recomputing showed up in the CPU profile (issue 11).
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
