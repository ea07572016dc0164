import { describe, expect, it } from 'vitest';
import { rememberRecent } from '../../src/cache/recent-results.js';

describe('rememberRecent', () => {
  it('computes a key once while it stays among the most recent, and forgets the least recently used first', () => {
    const computed: string[] = [];
    const upper = rememberRecent(2, (k) => { computed.push(k); return k.toUpperCase(); });
    expect(upper('a')).toBe('A');
    expect(upper('b')).toBe('B');
    expect(upper('a')).toBe('A'); // a hit makes "a" the most recent
    expect(upper('c')).toBe('C'); // drops "b", the least recently used
    expect(upper('a')).toBe('A');
    expect(upper('b')).toBe('B');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });
});
