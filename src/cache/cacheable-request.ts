// Which requests may be answered from the shared page cache (issue 11 point 3): a GET or HEAD of a public
// page or feed route, with nothing that makes the page the reader's own. Anything else is rendered afresh.
import type { FastifyRequest } from 'fastify';

/** The public read routes, as registered (regex constraints removed): pages and feeds only. */
const PUBLIC_ROUTES = new Set([
  '/',
  '/page/:n/',
  '/:year/:month/',
  '/:year/:month/page/:n/',
  '/:year/:month/:day/:slug/',
  '/:year/:month/:day/:slug/feed/',
  '/feed/',
  '/feed/atom/',
  '/comments/feed/',
  '/feed/comments/',
]);

/** Queries a cached route may carry; pagination lives in the path, so only the per-post comment feed's ?p=. */
const ALLOWED_QUERY: Record<string, RegExp> = { '/feed/comments/': /^p=[1-9]\d{0,9}$/ };

/**
 * Cookies that change the page for their holder: our session (a signed-in user), and the names WordPress
 * uses for a commenter's remembered details and a post password, which readers may carry from an import.
 */
const READER_COOKIE = /(?:^|;\s*)(?:backtalk_[^=]*|comment_author_[^=]*|wp-postpass_[^=]*|wordpress_logged_in_[^=]*)=/;

export function carriesReaderCookie(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie;
  return typeof cookie === 'string' && READER_COOKIE.test(cookie);
}

export function routeKey(request: FastifyRequest): string {
  return (request.routeOptions.url ?? '').replace(/\([^)]*\)/g, '');
}

/** The cache key for a shareable anonymous request, or null when the request must be rendered for itself. */
export function sharedPageKey(request: FastifyRequest): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const route = routeKey(request);
  if (!PUBLIC_ROUTES.has(route)) return null;
  if (carriesReaderCookie(request) || request.headers.authorization) return null;
  const q = request.url.indexOf('?');
  if (q >= 0) {
    const query = request.url.slice(q + 1);
    if (!ALLOWED_QUERY[route]?.test(query)) return null;
  }
  return request.url;
}
