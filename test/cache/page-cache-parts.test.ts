// The pure parts of the page cache: the byte-bounded LRU and the conditional-GET decision (RFC 9110 §13.1).
import { describe, expect, it } from 'vitest';
import { LruByBytes } from '../../src/cache/lru-bytes.js';
import { entityTag, httpDate, notModified } from '../../src/cache/conditional.js';

describe('LruByBytes', () => {
  const v = (bytes: number) => ({ bytes });
  it('evicts the least recently used entries once over its byte bound', () => {
    const lru = new LruByBytes<{ bytes: number }>(100);
    lru.set('a', v(20));
    lru.set('b', v(20));
    lru.set('c', v(20));
    lru.get('a');
    lru.set('d', v(20));
    lru.set('e', v(20));
    expect(lru.bytes).toBe(100);
    lru.set('f', v(20));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.bytes).toBe(100);
    expect(lru.size).toBe(5);
  });
  it('replaces a key without counting it twice, and refuses a value over a quarter of the bound', () => {
    const lru = new LruByBytes<{ bytes: number }>(100);
    lru.set('a', v(20));
    lru.set('a', v(10));
    expect(lru.bytes).toBe(10);
    lru.set('huge', v(26));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.bytes).toBe(10);
  });
});

describe('notModified', () => {
  const etag = entityTag('<p>page</p>');
  const changed = '2026-03-01T10:00:00.700Z';
  it('matches If-None-Match weakly, in a list, or *', () => {
    expect(notModified({ 'if-none-match': etag }, etag, changed)).toBe(true);
    expect(notModified({ 'if-none-match': `"x", W/${etag}` }, etag, changed)).toBe(true);
    expect(notModified({ 'if-none-match': '*' }, etag, changed)).toBe(true);
    expect(notModified({ 'if-none-match': '"x"' }, etag, changed)).toBe(false);
  });
  it('ignores If-Modified-Since when If-None-Match is present', () => {
    expect(notModified({ 'if-none-match': '"x"', 'if-modified-since': httpDate(changed) }, etag, changed)).toBe(false);
  });
  it('compares If-Modified-Since at one-second precision and ignores a bad date', () => {
    expect(httpDate(changed)).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
    expect(notModified({ 'if-modified-since': 'Sun, 01 Mar 2026 10:00:00 GMT' }, etag, changed)).toBe(true);
    expect(notModified({ 'if-modified-since': 'Sun, 01 Mar 2026 09:59:59 GMT' }, etag, changed)).toBe(false);
    expect(notModified({ 'if-modified-since': 'yesterday' }, etag, changed)).toBe(false);
    expect(notModified({}, etag, changed)).toBe(false);
  });
});
