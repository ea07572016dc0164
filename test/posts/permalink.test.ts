import { describe, expect, it } from 'vitest';
import { pathSegments, permalinkPath, postShape, slugify, type PermalinkPost } from '../../src/posts/permalink.js';
import { defaultSettings, type PermalinkStructure } from '../../src/settings/definitions.js';

const post: PermalinkPost = { id: 7, slug: 'hello', published_at: '2026-03-04T23:30:00.000Z', type: 'post', page_path: null };
const page: PermalinkPost = { id: 9, slug: 'team', published_at: '2026-03-04T23:30:00.000Z', type: 'page', page_path: 'about/team' };
const links = (permalink_structure: PermalinkStructure, more: Partial<typeof defaultSettings> = {}) => ({ ...defaultSettings, permalink_structure, ...more });

describe('permalinks', () => {
  it('builds each of WordPress\'s common structures from the UTC date', () => {
    expect(permalinkPath(post, defaultSettings)).toBe('/2026/03/04/hello/');
    expect(permalinkPath(post, links('/%year%/%monthnum%/%postname%/'))).toBe('/2026/03/hello/');
    expect(permalinkPath(post, links('/%postname%/'))).toBe('/hello/');
    expect(permalinkPath(post, links('/archives/%post_id%/'))).toBe('/archives/7/');
  });

  it('gives a page its path under its parents whatever the structure, and / when it is the static front page', () => {
    expect(permalinkPath(page, defaultSettings)).toBe('/about/team/');
    expect(permalinkPath(page, links('/archives/%post_id%/'))).toBe('/about/team/');
    expect(permalinkPath(page, links('/%postname%/', { show_on_front: 'page', page_on_front: 9 }))).toBe('/');
    expect(permalinkPath(page, links('/%postname%/', { show_on_front: 'posts', page_on_front: 9 }))).toBe('/about/team/');
  });

  it('gives an undated draft WordPress\'s /?p=ID', () => {
    expect(permalinkPath({ ...post, published_at: null }, defaultSettings)).toBe('/?p=7');
  });

  it('reads every structure\'s shape from a path, and refuses bad encoding', () => {
    expect(postShape(pathSegments('/2026/03/04/hello/')!)).toEqual({ by: 'slug', slug: 'hello' });
    expect(postShape(pathSegments('/2026/03/hello')!)).toEqual({ by: 'slug', slug: 'hello' });
    expect(postShape(pathSegments('/hello/')!)).toEqual({ by: 'slug', slug: 'hello' });
    expect(postShape(pathSegments('/archives/12/')!)).toEqual({ by: 'id', id: 12 });
    expect(postShape(pathSegments('/about/team/')!)).toBeNull();
    expect(pathSegments('/2026/03/04/%E0%A4%A/')).toBeNull();
  });

  it('slugifies titles: accents folded, punctuation to hyphens, never empty', () => {
    expect(slugify('Héllo, Wörld! It’s 2026')).toBe('hello-world-its-2026');
    expect(slugify('日本語のタイトル')).toBe('日本語のタイトル');
    expect(slugify('!!!')).toBe('post');
  });
});
