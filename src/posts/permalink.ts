// WordPress-style permalinks: /YYYY/MM/DD/slug/ from the post's date in UTC (so changing the display
// timezone never moves a URL), and slugs made from titles.

export function permalinkPath(post: { slug: string; published_at: string | null }): string {
  if (!post.published_at) return `/?p=${encodeURIComponent(post.slug)}`;
  const d = new Date(post.published_at);
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `/${y}/${m}/${day}/${post.slug}/`;
}

/** Route parameters of a permalink's date parts, for Fastify routes (the archives use the first two). */
export const YEAR_PARAM = ':year(^\\d{4}$)';
export const MONTH_PARAM = ':month(^\\d{2}$)';
export const DAY_PARAM = ':day(^\\d{2}$)';
/** The permalink as a route pattern without its trailing slash: the post page, its feed and its TrackBack URL. */
export const PERMALINK_ROUTE = `/${YEAR_PARAM}/${MONTH_PARAM}/${DAY_PARAM}/:slug`;

export function permalinkUrl(siteUrl: string, post: { slug: string; published_at: string | null }): string {
  return siteUrl.replace(/\/+$/, '') + permalinkPath(post);
}

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

/** Parses /YYYY/MM/DD/slug/ (trailing slash optional) into its parts, or null. */
export function parsePermalinkPath(path: string): { year: number; month: number; day: number; slug: string } | null {
  const m = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([^/?#]+)\/?$/.exec(path);
  if (!m) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(m[4]);
  } catch {
    return null;
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), slug };
}
