// The old WordPress addresses of an imported post, as keys of the old_paths table (migration 0024): decoded
// path segments joined by "/" ("2025/01/14/harbour-notes-begins"), or "?p=ID" / "?page_id=ID" for
// WordPress's query-string links. The resolver (posts/resolve-path.ts) builds the same key from a request.
import { pathSegments } from '../posts/permalink.js';

/** The key of a request path (no query), or null when it cannot be one. */
export function pathKey(path: string): string | null {
  const segments = pathSegments(path);
  return segments && segments.length > 0 ? segments.join('/') : null;
}

/** "?p=12" / "?page_id=12" from a query string, else null. */
export function queryKey(search: URLSearchParams): string | null {
  for (const name of ['p', 'page_id', 'attachment_id']) {
    const v = search.get(name);
    if (v && /^[1-9]\d{0,9}$/.test(v)) return `?${name}=${v}`;
  }
  return null;
}

/** The path of `url` below the blog's base path ("http://x/blog/2025/a/" under "http://x/blog" → "/2025/a/"). */
function relativeUrl(url: string, baseBlogUrl: string): URL | null {
  try {
    const u = new URL(url, baseBlogUrl || 'http://wordpress.invalid/');
    const basePath = baseBlogUrl ? new URL(baseBlogUrl).pathname.replace(/\/+$/, '') : '';
    if (basePath && u.pathname.startsWith(basePath)) u.pathname = u.pathname.slice(basePath.length) || '/';
    return u;
  } catch {
    return null;
  }
}

export function keyOfUrl(url: string, baseBlogUrl: string): string | null {
  const u = relativeUrl(url, baseBlogUrl);
  if (!u) return null;
  return queryKey(u.searchParams) ?? pathKey(u.pathname);
}

/**
 * Every old address of a post: its <link> (whatever the structure), its GUID when that is a ?p= link, WordPress's
 * own ?p=ID (or ?page_id=ID), and the link with each _wp_old_slug in place of the slug (wp_old_slug_redirect).
 */
export function oldKeys(item: { link: string; guid: string; postId: number; postType: string; postName: string }, oldSlugs: string[], baseBlogUrl: string): string[] {
  const keys = new Set<string>();
  const add = (k: string | null) => k && keys.add(k);
  add(keyOfUrl(item.link, baseBlogUrl));
  if (/[?&](p|page_id)=\d+/.test(item.guid)) add(keyOfUrl(item.guid, baseBlogUrl));
  if (item.postId > 0) add(item.postType === 'page' ? `?page_id=${item.postId}` : `?p=${item.postId}`);
  if (item.postId > 0) add(`?p=${item.postId}`);
  const linkKey = keyOfUrl(item.link, baseBlogUrl);
  for (const raw of oldSlugs) {
    let old = raw;
    try {
      old = decodeURIComponent(raw);
    } catch {
      /* kept as written */
    }
    if (!old) continue;
    if (linkKey && !linkKey.startsWith('?')) {
      const parts = linkKey.split('/');
      if (parts.at(-1) === decodeSafe(item.postName)) add([...parts.slice(0, -1), old].join('/'));
    }
    add(old);
  }
  return [...keys].filter((k) => k.length <= 2000);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
