// Public pages: home (paginated), WordPress-style permalinks with their 301s, month archives and previews.
// Anything malformed (a month 13, /page/abc/, a ?p= that is not a number) is a 404, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import { loadSettings } from '../settings/repository.js';
import { monthName } from './date-format.js';
import { MONTH_PARAM, PERMALINK_ROUTE, permalinkPath, YEAR_PARAM } from './permalink.js';
import { archiveLinks, listingPage, resolvePermalink } from './public-service.js';
import { findPostById } from './repository.js';
import { canEditPost } from './service.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { z } from 'zod';
import { anyText, inputOf, present, queryText } from '../http/input.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { rowIdFrom } from '../db/row-id.js';

/** A page number as a path segment: 2..999999 (page 1 lives at the listing's own address); null otherwise. */
const pageNumber = queryText.transform((raw) => (/^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null));
const pageParams = inputOf({ n: pageNumber });
const monthParams = inputOf({ year: queryText, month: queryText, n: pageNumber });
const permalinkParams = inputOf({ year: queryText, month: queryText, day: queryText, slug: queryText });
/** ?p=ID, with ?preview for a draft: whether p was sent at all, and its text (a repeated p is no id). */
const byIdQuery = inputOf({
  p: z.preprocess((v) => ({ given: v !== undefined, text: typeof v === 'string' ? v : '' }), z.object({ given: z.boolean(), text: z.string() })),
  preview: present,
});
/** ?moderation=ID on a permalink: the reader's comment that waits for moderation. */
const permalinkQuery = inputOf({ moderation: anyText.transform((v) => rowIdFrom(v) ?? undefined) });

/**
 * Renders one post page. The page shows comments too, so it is composed outside posts/ (site/post-page.ts)
 * and handed in by features.ts: posts/ does not import comments/.
 */
export type ShowPost = (reply: FastifyReply, post: Post, opts: { preview?: boolean; heldCommentId?: number }) => Promise<FastifyReply>;


function validMonth(year: string, month: string): boolean {
  const m = Number(month);
  return Number(year) >= 1000 && m >= 1 && m <= 12;
}

function validDay(year: string, month: string, day: string): boolean {
  if (!validMonth(year, month)) return false;
  const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const d = Number(day);
  return d >= 1 && d <= last;
}

/** The same address with a trailing slash, query kept: WordPress's canonical form. */
function addSlash(request: FastifyRequest, reply: FastifyReply) {
  const [path, query] = splitUrl(request.url);
  return reply.redirect(safeRedirectPath(`${path}/${query}`, { fallback: '/' }), 301);
}

function splitUrl(url: string): [string, string] {
  const i = url.indexOf('?');
  return i < 0 ? [url, ''] : [url.slice(0, i), url.slice(i)];
}

async function renderListing(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, page: number, archive?: { year: string; month: string }) {
  const settings = await loadSettings(ctx.db);
  let range: { from: string; to: string } | undefined;
  if (archive) {
    const y = Number(archive.year);
    const m = Number(archive.month);
    range = { from: new Date(Date.UTC(y, m - 1, 1)).toISOString(), to: new Date(Date.UTC(y, m, 1)).toISOString() };
  }
  const listing = await listingPage(ctx, settings, page, range);
  if (!listing) return reply.callNotFound();
  const base = archive ? `/${archive.year}/${archive.month}/` : '/';
  const pageUrl = (n: number) => (n === 1 ? base : `${base}page/${n}/`);
  const heading = archive ? `${monthName(Number(archive.month))} ${archive.year}` : '';
  return reply.page('public/index', {
    title: [heading, page > 1 ? `Page ${page}` : ''].filter(Boolean).join(' – '),
    heading,
    listing,
    archives: await archiveLinks(ctx),
    newer: page > 1 ? pageUrl(page - 1) : null,
    older: page < listing.totalPages ? pageUrl(page + 1) : null,
  });
}

/** /?p=ID: a published post moves to its permalink; ?preview=true shows any non-trashed post to whoever may edit it. */
async function showById(ctx: AppContext, showPost: ShowPost, request: FastifyRequest, reply: FastifyReply, query: { p: { text: string }; preview: boolean }) {
  const id = rowIdFrom(query.p.text);
  const post = id === null ? undefined : await findPostById(ctx.db, id);
  if (!post || post.status === 'trash') return reply.callNotFound();
  if (query.preview) {
    if (!request.user || !canEditPost(request.user, post)) return reply.callNotFound();
    return showPost(reply, post, { preview: true });
  }
  if (post.status !== 'published') return reply.callNotFound();
  return reply.redirect(encodeURI(permalinkPath(post)), 301);
}

export async function postRoutes(app: FastifyInstance, ctx: AppContext, showPost: ShowPost): Promise<void> {
  app.get('/', SHARED_PAGE, async (request, reply) => {
    const query = byIdQuery.parse(request.query);
    if (query.p.given) return showById(ctx, showPost, request, reply, query);
    return renderListing(ctx, request, reply, 1);
  });

  app.get('/page/:n', addSlash);
  app.get('/page/:n/', SHARED_PAGE, async (request, reply) => {
    const { n } = pageParams.parse(request.params);
    if (n === null) return reply.callNotFound();
    if (n === 1) return reply.redirect('/', 301);
    return renderListing(ctx, request, reply, n);
  });

  app.get(`/${YEAR_PARAM}/${MONTH_PARAM}`, addSlash);
  app.get(`/${YEAR_PARAM}/${MONTH_PARAM}/`, SHARED_PAGE, async (request, reply) => {
    const { year, month } = monthParams.parse(request.params);
    if (!validMonth(year, month)) return reply.callNotFound();
    return renderListing(ctx, request, reply, 1, { year, month });
  });
  app.get(`/${YEAR_PARAM}/${MONTH_PARAM}/page/:n`, addSlash);
  app.get(`/${YEAR_PARAM}/${MONTH_PARAM}/page/:n/`, SHARED_PAGE, async (request, reply) => {
    const { year, month, n: page } = monthParams.parse(request.params);
    if (!validMonth(year, month) || page === null) return reply.callNotFound();
    if (page === 1) return reply.redirect(`/${year}/${month}/`, 301);
    return renderListing(ctx, request, reply, page, { year, month });
  });

  app.get(PERMALINK_ROUTE, addSlash);
  app.get(`${PERMALINK_ROUTE}/`, SHARED_PAGE, async (request, reply) => {
    const { year, month, day, slug } = permalinkParams.parse(request.params);
    if (!validDay(year, month, day) || !slug || slug.length > 200) return reply.callNotFound();
    const found = await resolvePermalink(ctx, { year, month, day, slug });
    if (found.kind === 'missing') return reply.callNotFound();
    if (found.kind === 'redirect') return reply.redirect(safeRedirectPath(found.to + splitUrl(request.url)[1], { fallback: '/' }), 301);
    return showPost(reply, found.post, { heldCommentId: permalinkQuery.parse(request.query).moderation });
  });
}
