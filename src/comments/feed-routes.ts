// Comment feed routes: /comments/feed/ (site-wide) and /feed/comments/?p=<id> (one post); /<permalink>feed/
// is served by the public site's one resolver (posts/routes.ts), which calls postCommentFeed.
// RSS 2.0 with readers' comments and linkbacks together, each labelled (comment-feed.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import { buildRss } from '../posts/feed.js';
import { permalinkPath } from '../posts/permalink.js';
import { findPostById } from '../posts/repository.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { commentFeedItem, feedTitleFor } from './comment-feed.js';
import { approvedForFeed } from './repository.js';
import { escapeHtml } from '../content/escape.js';
import { anyText, inputOf } from '../http/input.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { rowIdFrom } from '../db/row-id.js';


/** ?p=ID: one post's comment feed (anything not an id is no such post). */
const feedQuery = inputOf({ p: anyText });

export async function commentFeedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Feed readers find a post's comment feed from the page itself, as WordPress's feed_links_extra() offers.
  ctx.postPageHooks.push((post, base, settings) =>
    post.status !== 'published' ? {} : { head: `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(feedTitleFor('', post))}" href="${escapeHtml(encodeURI(base + permalinkPath(post, settings)) + 'feed/')}">` },
  );
  const send = (reply: FastifyReply, selfPath: string, post?: Post) => postCommentFeed(ctx, reply, selfPath, post);
  const published = (p: Post | undefined): p is Post => !!p && p.status === 'published';

  app.get('/comments/feed', (request: FastifyRequest, reply) => reply.redirect(`${request.url.split('?')[0]}/`, 301));
  app.get('/comments/feed/', SHARED_PAGE, (_request, reply) => send(reply, '/comments/feed/'));

  app.get('/feed/comments/', { config: { sharedPage: { query: /^p=[1-9]\d{0,9}$/ } } }, async (request, reply) => {
    const { p } = feedQuery.parse(request.query);
    if (!p) return send(reply, '/feed/comments/');
    const id = rowIdFrom(p);
    const post = id === null ? undefined : await findPostById(ctx.db, id);
    if (!published(post)) return reply.callNotFound();
    return send(reply, `/feed/comments/?p=${post.id}`, post);
  });
}

/** The comment feed of the whole site, or of one post or page (the caller has checked it is public). */
export async function postCommentFeed(ctx: AppContext, reply: FastifyReply, selfPath: string, post?: Post): Promise<FastifyReply> {
  const settings = await loadSettings(ctx.db);
  const base = siteUrl(ctx.config, settings);
  const rows = await approvedForFeed(ctx.db, post?.id);
  const xml = buildRss({
    title: feedTitleFor(settings.site_title, post),
    subtitle: settings.tagline,
    siteUrl: base,
    selfUrl: base + selfPath,
    updated: rows[0]?.created_at ?? ctx.clock.now().toISOString(),
    items: rows.map((c) => commentFeedItem(base, c, !post, settings)),
  });
  return reply.header('content-type', 'application/rss+xml; charset=utf-8').send(xml);
}
