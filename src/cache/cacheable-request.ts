// Which requests may be answered from the shared page cache (issue 11 point 3): a GET or HEAD of a public
// page or feed route (one that says so with SHARED_PAGE), with nothing that makes the page the reader's own. Anything else is rendered afresh.
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Set by a public page or feed route (SHARED_PAGE): its anonymous answer is the same for every reader, so
     * the page cache and 304s apply. `query` lists the one query string it may carry and still be shared.
     */
    sharedPage?: { query?: RegExp };
  }
}

/** The route option of a public page or feed: pagination lives in the path, so no query string is shared. */
export const SHARED_PAGE = { config: { sharedPage: {} } };

/**
 * Cookies that change the page for their holder: our session (a signed-in user), and the names WordPress
 * uses for a commenter's remembered details and a post password, which readers may carry from an import.
 */
const READER_COOKIE = /(?:^|;\s*)(?:backtalk_[^=]*|comment_author_[^=]*|wp-postpass_[^=]*|wordpress_logged_in_[^=]*)=/;

export function carriesReaderCookie(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie;
  return typeof cookie === 'string' && READER_COOKIE.test(cookie);
}

/** The cache key for a shareable anonymous request, or null when the request must be rendered for itself. */
export function sharedPageKey(request: FastifyRequest): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const shared = request.routeOptions.config?.sharedPage;
  if (!shared) return null;
  if (carriesReaderCookie(request) || request.headers.authorization) return null;
  const q = request.url.indexOf('?');
  if (q >= 0) {
    const query = request.url.slice(q + 1);
    if (!shared.query?.test(query)) return null;
  }
  return request.url;
}
