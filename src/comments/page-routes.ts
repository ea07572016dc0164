// A post's comment pages, /YYYY/MM/DD/slug/comment-page-N/ as WordPress's (issue 16 point 1): the same post
// page with page N of its readers' comment threads. Page numbers that do not exist are 404s; the page shown
// by default lives at the permalink, so its /comment-page-N/ twin moves there. Shared in the page cache like
// the permalink itself.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { inputOf, queryText } from '../http/input.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { PERMALINK_ROUTE, permalinkPath } from '../posts/permalink.js';
import { resolvePermalink } from '../posts/public-service.js';
import { loadSettings } from '../settings/settings.js';
import { commentPaging } from './comment-pages.js';

export type ShowCommentPage = (reply: FastifyReply, post: Post, opts: { commentPage: number }) => Promise<FastifyReply>;

const params = inputOf({ year: queryText, month: queryText, day: queryText, slug: queryText, n: queryText });

export function commentPageRoutes(app: FastifyInstance, ctx: AppContext, show: ShowCommentPage): void {
  app.get(`${PERMALINK_ROUTE}/comment-page-:n`, async (request, reply) => reply.redirect(safeRedirectPath(`${request.url.split('?')[0]}/`, { fallback: '/' }), 301));
  app.get(`${PERMALINK_ROUTE}/comment-page-:n/`, SHARED_PAGE, async (request, reply) => {
    const { year, month, day, slug, n } = params.parse(request.params);
    if (!/^[1-9]\d{0,5}$/.test(n) || !slug || slug.length > 200) return reply.callNotFound();
    const found = await resolvePermalink(ctx, { year, month, day, slug });
    if (found.kind === 'missing') return reply.callNotFound();
    if (found.kind === 'redirect') return reply.redirect(safeRedirectPath(`${found.to}comment-page-${n}/`, { fallback: '/' }), 301);
    const paging = await commentPaging(ctx.db, await loadSettings(ctx.db), found.post.id, Number(n));
    if (!paging) return reply.callNotFound();
    if (paging.page === paging.dflt) return reply.redirect(encodeURI(permalinkPath(found.post)), 301);
    return show(reply, found.post, { commentPage: paging.page });
  });
}
