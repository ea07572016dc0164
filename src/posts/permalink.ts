// Permalinks: the ONE function that gives a post's or a page's public path (permalinkPath), the shapes of
// path WordPress's common structures produce (parsed by posts/resolve-path.ts, the one resolver of "which
// post does this path mean"), and slugs. Dates are the post's date in UTC, so changing the display
// timezone never moves a URL.
import type { PostType } from '../db/schema.js';
import type { PermalinkStructure, Settings } from '../settings/definitions.js';

/** What a permalink is made of: a posts row has all of it; joined rows give it through joinedPost(). */
export interface PermalinkPost {
  id: number;
  slug: string;
  published_at: string | null;
  type: PostType;
  /** A page's whole path ("about/team"), kept by the posts service; null for posts. */
  page_path: string | null;
}

/** The settings a permalink depends on: the structure, and which page (if any) is the static front page. */
export type PermalinkSettings = Pick<Settings, 'permalink_structure' | 'show_on_front' | 'page_on_front'>;

/**
 * The public path of a post or page, for the structure in force. How to call it: load the settings once
 * per request (loadSettings is memoised by the site generation) and pass them whole —
 *   permalinkPath(post, settings)            with a posts row
 *   permalinkPath(joinedPost(row), settings) with a row joined from comments/deliveries (post_* columns)
 * Never build a permalink by hand: the structure setting changes every post URL, and a page's path comes
 * from its ancestors. Undated drafts have no permalink yet: they get WordPress's /?p=ID (which 301s once
 * published). The result is not URI-encoded (slugs may be non-Latin): encodeURI it for an href or header.
 */
export function permalinkPath(post: PermalinkPost, links: PermalinkSettings): string {
  if (post.type === 'page') {
    if (links.show_on_front === 'page' && links.page_on_front === post.id) return '/';
    return post.page_path ? `/${post.page_path}/` : `/?p=${post.id}`;
  }
  if (!post.published_at) return `/?p=${post.id}`;
  return structurePath(links.permalink_structure, post.id, post.slug, new Date(post.published_at));
}

export function permalinkUrl(siteUrl: string, post: PermalinkPost, links: PermalinkSettings): string {
  return siteUrl.replace(/\/+$/, '') + permalinkPath(post, links);
}

function structurePath(structure: PermalinkStructure, id: number, slug: string, d: Date): string {
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  switch (structure) {
    case '/%year%/%monthnum%/%day%/%postname%/':
      return `/${y}/${m}/${day}/${slug}/`;
    case '/%year%/%monthnum%/%postname%/':
      return `/${y}/${m}/${slug}/`;
    case '/%postname%/':
      return `/${slug}/`;
    case '/archives/%post_id%/':
      return `/archives/${id}/`;
  }
}

/** The post columns a joined row carries (comments, deliveries, linkback lists select them as post_*). */
export interface JoinedPostColumns {
  post_id: number;
  post_slug: string | null;
  post_published_at: string | null;
  post_type: string | null;
  post_page_path: string | null;
}

export function joinedPost(row: JoinedPostColumns): PermalinkPost {
  return { id: row.post_id, slug: row.post_slug ?? '', published_at: row.post_published_at, type: row.post_type === 'page' ? 'page' : 'post', page_path: row.post_page_path };
}

/** The post_* columns joinedPost() needs, for a Kysely select joined on posts. */
export const JOINED_POST_COLUMNS = ['posts.slug as post_slug', 'posts.published_at as post_published_at', 'posts.type as post_type', 'posts.page_path as post_page_path'] as const;

/** Route parameters of date parts, for Fastify routes (year, month and day archives). */
export const YEAR_PARAM = ':year(^\\d{4}$)';
export const MONTH_PARAM = ':month(^\\d{2}$)';
export const DAY_PARAM = ':day(^\\d{2}$)';

/** Lower-case ASCII words joined by hyphens; non-Latin titles keep their letters (URL-encoded on output). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 190)
    .replace(/-+$/, '');
  return slug || 'post';
}

export const SLUG_PATTERN = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u;

/**
 * A path's decoded segments ("/about/team/" → ["about", "team"]), or null when one is not valid
 * percent-encoding or the path is absurdly deep or long (no lookup is worth making for it).
 */
export function pathSegments(path: string): string[] | null {
  if (path.length > 25_000) return null;
  const raw = path.split('/').filter(Boolean);
  if (raw.length > 12) return null;
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

/**
 * What a path could name under any of the common structures (old URLs keep answering after a change):
 * a post by slug (day and name, month and name, post name) or by id (numeric). Checked against the post
 * found, so a wrong date only ever redirects.
 */
export type PostShape = { by: 'slug'; slug: string } | { by: 'id'; id: number };

export function postShape(segments: string[]): PostShape | null {
  const [a, b, c, d] = segments;
  const year = (s?: string) => s !== undefined && /^\d{4}$/.test(s);
  const two = (s?: string) => s !== undefined && /^\d{2}$/.test(s);
  // An impossible date (month 13, February 30) names nothing.
  const validDate = (m: number, day = 1) => m >= 1 && m <= 12 && day >= 1 && day <= new Date(Date.UTC(Number(a), m, 0)).getUTCDate();
  if (segments.length === 4 && year(a) && two(b) && two(c)) return validDate(Number(b), Number(c)) ? { by: 'slug', slug: d! } : null;
  if (segments.length === 3 && year(a) && two(b)) return validDate(Number(b)) ? { by: 'slug', slug: c! } : null;
  if (segments.length === 2 && a === 'archives' && /^[1-9]\d{0,9}$/.test(b!)) return { by: 'id', id: Number(b) };
  if (segments.length === 1) return { by: 'slug', slug: a! };
  return null;
}
