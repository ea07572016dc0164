// Search pages: /search/<terms>/ and /search/<terms>/page/N/, and /?s=… (the form's GET, WordPress's query
// form) answered with a 302 to the /search/ address. One address per search means the page cache and any
// shared cache in front key the page by its path (a query string is never shared, cache/cacheable-request),
// and WordPress itself serves /search/<terms>/ under pretty permalinks, which ours always are; 302, not 301,
// because the form's URL is not a moved page and browsers keep a 301 for ever.
// Caching: a search page is a SHARED_PAGE (the same for every reader, invalidated by the site generation like
// any listing), so a popular or shared search is rendered once. Floods: a per-address limit on renders
// (flood-guard.ts; cache hits are answered before it counts), since unique queries cannot be cached away.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { inputOf, queryText } from '../http/input.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { loadSettings } from '../settings/repository.js';
import { archiveLinks } from '../posts/public-service.js';
import { searchPage } from './service.js';
import { cleanSearchText, searchTerms } from './terms.js';
import { searchPublished } from './repository.js';
import { FEED_SIZE, feedOf } from '../posts/feed-routes.js';
import { buildAtom, buildRss } from '../posts/feed.js';
import { FloodGuard } from './flood-guard.js';

/** Renders at most this many search pages a minute per address; cached pages are not counted. */
export const SEARCH_RATE_LIMIT = { max: 30, windowMs: 60_000 };

const pageNumber = queryText.transform((raw) => (/^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null));
const searchParams = inputOf({ terms: queryText, n: pageNumber });
const formQuery = inputOf({ s: queryText, paged: pageNumber, feed: queryText });

/** The address of a search: the text as typed (cleaned), "+" for spaces as WordPress's get_search_link. */
export function searchPath(text: string, page = 1): string {
  const clean = cleanSearchText(text);
  if (!clean) return '/search/';
  const base = `/search/${encodeURIComponent(clean).replace(/%20/g, '+')}/`;
  return page > 1 ? `${base}page/${page}/` : base;
}

/** A path segment back to the text: "+" is a space (WordPress's links use it). */
function textOf(segment: string): string {
  return cleanSearchText(segment.replace(/\+/g, ' '));
}

async function render(ctx: AppContext, reply: FastifyReply, text: string, page: number) {
  const settings = await loadSettings(ctx.db);
  const found = text ? await searchPage(ctx, settings, text, page) : null;
  if (text && !found) return reply.callNotFound();
  const pageUrl = (n: number) => searchPath(text, n);
  return reply.page('public/search', {
    title: text ? `Search results for “${text}”${page > 1 ? ` – Page ${page}` : ''}` : 'Search',
    searchText: text,
    found,
    // Search pages are not for search engines: spammers link to searches on other sites to get their text
    // indexed there (Google's guidance is to keep internal search results out of the index).
    robots: 'noindex, follow',
    archives: await archiveLinks(ctx),
    newer: found && page > 1 ? pageUrl(page - 1) : null,
    older: found && page < found.totalPages ? pageUrl(page + 1) : null,
  });
}

/**
 * A search's RSS or Atom feed (WordPress's /search/<terms>/feed/ and ?s=…&feed=rss2): the best FEED_SIZE
 * matches, ranked as the page is, so it is bounded like the first page of results.
 */
async function serveFeed(ctx: AppContext, reply: FastifyReply, text: string, atom: boolean) {
  if (!text) return reply.callNotFound();
  const posts = await searchPublished(ctx.db, ctx.dialect, searchTerms(text), FEED_SIZE, 0);
  const info = await feedOf(ctx, `${searchPath(text)}feed/${atom ? 'atom/' : ''}`, posts, `Search Results for “${text}”`);
  return reply.header('content-type', `${atom ? 'application/atom+xml' : 'application/rss+xml'}; charset=utf-8`).send(atom ? buildAtom(info) : buildRss(info));
}

function addSlash(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0]!;
  return reply.redirect(safeRedirectPath(`${path}/`, { fallback: '/search/' }), 301);
}

export async function searchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const guard = new FloodGuard(SEARCH_RATE_LIMIT.max, SEARCH_RATE_LIMIT.windowMs, ctx.clock);
  const RENDERED = {
    ...SHARED_PAGE,
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = guard.hit(request.ip);
      if (wait === null) return;
      reply.header('retry-after', String(wait));
      throw Object.assign(new Error('Too many searches from your address. Wait a minute, then search again.'), { statusCode: 429 });
    },
  };
  // /?s=…: before the home page's handler (posts/routes.ts) sees it.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== '/' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const query = request.query as Record<string, unknown>;
    if (!Object.hasOwn(query, 's')) return;
    const { s, paged, feed } = formQuery.parse(query);
    // WordPress's feed=rss2 (or rss, rdf, atom) on a search: its feed, at the feed's own address.
    const feedTail = !Object.hasOwn(query, 'feed') || !cleanSearchText(s) ? '' : feed === 'atom' ? 'feed/atom/' : 'feed/';
    return reply.redirect(safeRedirectPath(searchPath(s, feedTail ? 1 : (paged ?? 1)) + feedTail, { fallback: '/search/' }), 302);
  });

  app.get('/search', (_request, reply) => reply.redirect('/search/', 301));
  app.get('/search/', RENDERED, (_request, reply) => render(ctx, reply, '', 1));
  app.get('/search/:terms', addSlash);
  app.get('/search/:terms/', RENDERED, (request, reply) => render(ctx, reply, textOf(searchParams.parse(request.params).terms), 1));
  app.get('/search/:terms/feed', addSlash);
  app.get('/search/:terms/feed/', RENDERED, (request, reply) => serveFeed(ctx, reply, textOf(searchParams.parse(request.params).terms), false));
  app.get('/search/:terms/feed/atom', addSlash);
  app.get('/search/:terms/feed/atom/', RENDERED, (request, reply) => serveFeed(ctx, reply, textOf(searchParams.parse(request.params).terms), true));
  app.get('/search/:terms/page/:n', addSlash);
  app.get('/search/:terms/page/:n/', RENDERED, (request, reply) => {
    const { terms, n } = searchParams.parse(request.params);
    if (n === null) return reply.callNotFound();
    if (n === 1) return reply.redirect(searchPath(textOf(terms)), 301);
    return render(ctx, reply, textOf(terms), n);
  });
}
