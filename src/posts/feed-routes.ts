// RSS 2.0 at /feed/ and Atom at /feed/atom/: the newest 20 published posts with full content and absolute
// permalinks from the site URL. The XML itself is built by the pure functions in feed.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { htmlToText, truncateText } from '../content/sanitize.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { absoluteUrls } from './feed-content.js';
import { buildAtom, buildRss, type FeedInfo } from './feed.js';
import { permalinkUrl } from './permalink.js';
import { authorNames } from './public-repository.js';
import { listPublished } from './repository.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { feedMedia } from '../media/feed-extras.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';

const FEED_SIZE = 20;

/** Keeps words of adjacent paragraphs apart once tags are stripped for the plain-text summary. */
const spaceBlocks = (html: string) => html.replace(/<\/(?:p|div|h[1-6]|li|blockquote|pre|td|th)>|<br\s*\/?>/gi, '$& ');

async function feedInfo(ctx: AppContext, selfPath: string): Promise<FeedInfo> {
  const settings = await loadSettings(ctx.db);
  const base = siteUrl(ctx.config, settings);
  const { posts } = await listPublished(ctx.db, FEED_SIZE, 0);
  const [names, media] = await Promise.all([authorNames(ctx.db, posts.map((p) => p.author_id)), feedMedia(ctx.db, posts, base, settings)]);
  return {
    title: settings.site_title,
    subtitle: settings.tagline,
    siteUrl: base,
    selfUrl: base + selfPath,
    updated: ctx.clock.now().toISOString(),
    items: posts.map((p) => {
      const published = p.published_at ?? p.created_at;
      const link = encodeURI(permalinkUrl(base, p));
      return {
        id: `${base}/?p=${p.id}`,
        title: p.title,
        link,
        published,
        updated: p.updated_at > published ? p.updated_at : published,
        authorName: names.get(p.author_id) ?? '',
        html: absoluteUrls(p.content, link),
        summary: truncateText(p.excerpt.trim() || htmlToText(spaceBlocks(p.content)), 300),
        image: media.get(p.id)?.image ?? null,
        enclosures: media.get(p.id)?.enclosures ?? [],
      };
    }),
  };
}

export async function feedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const slash = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(safeRedirectPath(`${request.url.split('?')[0]}/`, { fallback: '/feed/' }), 301);
  app.get('/feed', slash);
  app.get('/feed/atom', slash);
  const serve = (path: string, type: string, build: (info: FeedInfo) => string) => async (_request: FastifyRequest, reply: FastifyReply) => {
    // ETag, Last-Modified, Cache-Control and 304s for feed readers come from http/page-cache.ts.
    const xml = build(await feedInfo(ctx, path));
    return reply.header('content-type', `${type}; charset=utf-8`).send(xml);
  };
  app.get('/feed/', SHARED_PAGE, serve('/feed/', 'application/rss+xml', buildRss));
  app.get('/feed/atom/', SHARED_PAGE, serve('/feed/atom/', 'application/atom+xml', buildAtom));
}
