import { describe, expect, it } from 'vitest';
import { parsePermalinkPath, permalinkPath, slugify } from '../../src/posts/permalink.js';

describe('permalinks', () => {
  it('builds /YYYY/MM/DD/slug/ from the UTC date', () => {
    expect(permalinkPath({ slug: 'hello', published_at: '2026-03-04T23:30:00.000Z' })).toBe('/2026/03/04/hello/');
  });

  it('parses its own paths, with or without the trailing slash, and refuses others', () => {
    expect(parsePermalinkPath('/2026/03/04/hello/')).toEqual({ year: 2026, month: 3, day: 4, slug: 'hello' });
    expect(parsePermalinkPath('/2026/03/04/hello')).toEqual({ year: 2026, month: 3, day: 4, slug: 'hello' });
    expect(parsePermalinkPath('/2026/03/hello/')).toBeNull();
    expect(parsePermalinkPath('/2026/03/04/%E0%A4%A/')).toBeNull();
  });

  it('slugifies titles: accents folded, punctuation to hyphens, never empty', () => {
    expect(slugify('Héllo, Wörld! It’s 2026')).toBe('hello-world-its-2026');
    expect(slugify('日本語のタイトル')).toBe('日本語のタイトル');
    expect(slugify('!!!')).toBe('post');
  });
});
