// RSS 2.0 at /feed/ and Atom at /feed/atom/: the newest 20 published posts with full content and absolute
// permalinks from the site URL. The XML itself is built by the pure functions in feed.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { htmlToText, truncateText } from '../content/sanitize.js';
import { rememberRecentText } from '../cache/recent-results.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { absoluteUrls } from './feed-content.js';
import { buildAtom, buildRss, type FeedInfo, type FeedItem } from './feed.js';
import { displayTitle, isProtected, NO_EXCERPT_PROTECTED } from './visibility.js';
import { escapeHtml } from '../content/escape.js';
import type { Post } from '../db/schema.js';
import { permalinkUrl } from './permalink.js';
import { listPublished } from './repository.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { feedMedia } from '../media/feed-extras.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { inputOf, queryText } from '../http/input.js';
import { authorNames, findUserByName } from '../users/repository.js';
import { termsOfPosts } from '../terms/repository.js';

export const FEED_SIZE = 20;
const authorParams = inputOf({ author: queryText });

/** Keeps words of adjacent paragraphs apart once tags are stripped for the plain-text summary. */
const spaceBlocks = (html: string) => html.replace(/<\/(?:p|div|h[1-6]|li|blockquote|pre|td|th)>|<br\s*\/?>/gi, '$& ');

async function feedInfo(ctx: AppContext, selfPath: string, author?: { id: number; name: string }): Promise<FeedInfo> {
  const { posts } = await listPublished(ctx.db, FEED_SIZE, 0, author ? { authorId: author.id } : {});
  // WordPress titles an author feed "Site » Author".
  return feedOf(ctx, selfPath, posts, author?.name);
}

/** A feed of these posts (the newest first); `titled` names an archive's feed after the site ("Blog » News"). */
export async function feedOf(ctx: AppContext, selfPath: string, posts: Post[], titled?: string): Promise<FeedInfo> {
  const settings = await loadSettings(ctx.db);
  const base = siteUrl(ctx.config, settings);
  const ids = posts.map((p) => p.id);
  const [names, media, terms] = await Promise.all([authorNames(ctx.db, posts.map((p) => p.author_id)), feedMedia(ctx.db, posts, base, settings), termsOfPosts(ctx.db, ids)]);
  return {
    title: titled ? `${settings.site_title} » ${titled}` : settings.site_title,
    subtitle: settings.tagline,
    siteUrl: base,
    selfUrl: base + selfPath,
    updated: ctx.clock.now().toISOString(),
    items: posts.map((p) => {
      const published = p.published_at ?? p.created_at;
      const link = encodeURI(permalinkUrl(base, p, settings));
      if (isProtected(p)) return protectedItem(p, base, link, published, names.get(p.author_id) ?? '');
      return {
        id: `${base}/?p=${p.id}`,
        title: p.title,
        link,
        published,
        updated: p.updated_at > published ? p.updated_at : published,
        authorName: names.get(p.author_id) ?? '',
        html: absoluteUrls(p.content, link),
        summary: p.excerpt.trim() ? truncateText(p.excerpt.trim(), 300) : summaryOfContent(p.content),
        image: media.get(p.id)?.image ?? null,
        enclosures: media.get(p.id)?.enclosures ?? [],
        categories: (terms.get(p.id) ?? []).map((t) => t.name),
      };
    }),
  };
}

/**
 * A password-protected post in a feed: its excerpt, never its content, its image or its enclosures; with no
 * excerpt, WordPress's own sentence (the_excerpt_rss on a post that requires a password).
 */
function protectedItem(p: Post, base: string, link: string, published: string, authorName: string): FeedItem {
  const summary = p.excerpt.trim() || NO_EXCERPT_PROTECTED;
  return {
    id: `${base}/?p=${p.id}`,
    title: displayTitle(p),
    link,
    published,
    updated: p.updated_at > published ? p.updated_at : published,
    authorName,
    html: `<p>${escapeHtml(summary)}</p>`,
    summary,
    image: null,
    enclosures: [],
  };
}

export async function feedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const slash = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(safeRedirectPath(`${request.url.split('?')[0]}/`, { fallback: '/feed/' }), 301);
  app.get('/feed', slash);
  app.get('/feed/atom', slash);
  const serve = (path: string, type: string, build: (info: FeedInfo) => string) => async (_request: FastifyRequest, reply: FastifyReply) => {
    // ETag, Last-Modified, Cache-Control and 304s for feed readers come from http/page-cache.ts.
    const info = await feedInfo(ctx, path);
    // WebSub §4: the topic's rel="self" and its hubs, in Link headers and in the feed itself. Only the main
    // feeds: they are the topics a publish notification names (linkbacks/outbound/senders/websub.ts).
    info.hubs = (await loadSettings(ctx.db)).websub_hubs;
    if (info.hubs.length) reply.header('link', [...info.hubs.map((h) => `<${h}>; rel="hub"`), `<${info.selfUrl}>; rel="self"`].join(', '));
    return reply.header('content-type', `${type}; charset=utf-8`).send(build(info));
  };
  app.get('/feed/', SHARED_PAGE, serve('/feed/', 'application/rss+xml', buildRss));
  app.get('/feed/atom/', SHARED_PAGE, serve('/feed/atom/', 'application/atom+xml', buildAtom));

  // An author's posts: /author/<username>/feed/ (RSS) and …/feed/atom/, as WordPress.
  const authorFeed = (type: string, build: (info: FeedInfo) => string, suffix: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { author } = authorParams.parse(request.params);
    const user = author.length <= 60 ? await findUserByName(ctx.db, author) : undefined;
    if (!user) return reply.callNotFound();
    const xml = build(await feedInfo(ctx, encodeURI(`/author/${user.username}/${suffix}`), { id: user.id, name: user.display_name || user.username }));
    return reply.header('content-type', `${type}; charset=utf-8`).send(xml);
  };
  app.get('/author/:author/feed', slash);
  app.get('/author/:author/feed/atom', slash);
  app.get('/author/:author/feed/', SHARED_PAGE, authorFeed('application/rss+xml', buildRss, 'feed/'));
  app.get('/author/:author/feed/atom/', SHARED_PAGE, authorFeed('application/atom+xml', buildAtom, 'feed/atom/'));
}

// Stripping and cutting a post's whole text was a third of an uncached feed's CPU (issue 11); the same content
// always gives the same summary.
const summaryOfContent = rememberRecentText(4 * 1_048_576, (content) => truncateText(htmlToText(spaceBlocks(content)), 300));
