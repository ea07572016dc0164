// RSS 2.0 at /feed/ and Atom at /feed/atom/: the newest 20 published posts with full content and absolute
// permalinks from the site URL. The XML itself is built by the pure functions in feed.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { htmlToText, truncateText } from '../content/sanitize.js';
import { loadSettings } from '../settings/settings.js';
import { siteUrl } from '../settings/site-url.js';
import { buildAtom, buildRss, type FeedInfo } from './feed.js';
import { permalinkUrl } from './permalink.js';
import { authorNames } from './public-repository.js';
import { listPublished } from './repository.js';

const FEED_SIZE = 20;

/** Keeps words of adjacent paragraphs apart once tags are stripped for the plain-text summary. */
const spaceBlocks = (html: string) => html.replace(/<\/(?:p|div|h[1-6]|li|blockquote|pre|td|th)>|<br\s*\/?>/gi, '$& ');

async function feedInfo(ctx: AppContext, selfPath: string): Promise<FeedInfo> {
  const settings = await loadSettings(ctx.db);
  const base = siteUrl(ctx.config, settings);
  const { posts } = await listPublished(ctx.db, FEED_SIZE, 0);
  const names = await authorNames(ctx.db, posts.map((p) => p.author_id));
  return {
    title: settings.site_title,
    subtitle: settings.tagline,
    siteUrl: base,
    selfUrl: base + selfPath,
    updated: ctx.clock.now().toISOString(),
    items: posts.map((p) => {
      const published = p.published_at ?? p.created_at;
      return {
        id: `${base}/?p=${p.id}`,
        title: p.title,
        link: encodeURI(permalinkUrl(base, p)),
        published,
        updated: p.updated_at > published ? p.updated_at : published,
        authorName: names.get(p.author_id) ?? '',
        html: p.content,
        summary: truncateText(p.excerpt.trim() || htmlToText(spaceBlocks(p.content)), 300),
      };
    }),
  };
}

export async function feedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const slash = (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`${request.url.split('?')[0]}/`, 301);
  app.get('/feed', slash);
  app.get('/feed/atom', slash);
  app.get('/feed/', async (_request, reply) => {
    const xml = buildRss(await feedInfo(ctx, '/feed/'));
    return reply.header('content-type', 'application/rss+xml; charset=utf-8').send(xml);
  });
  app.get('/feed/atom/', async (_request, reply) => {
    const xml = buildAtom(await feedInfo(ctx, '/feed/atom/'));
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').send(xml);
  });
}
