// Public pages: the home page (latest posts, or a static front page), /?p=ID, and every post and page at its
// permalink. One wildcard route hands any other path to the one resolver (resolve-path.ts), so pages at
// any depth, every permalink structure and the 301s from old ones need no route of their own. Anything
// malformed is a 404, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import { loadSettings } from '../settings/repository.js';
import { permalinkPath } from './permalink.js';
import { findPostById } from './repository.js';
import { canEditPost } from './service.js';
import { canReadPost } from './visibility.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { z } from 'zod';
import { anyText, inputOf, present } from '../http/input.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { isPublic, resolveOldPath, resolvePath, resolveTrashed } from './resolve-path.js';
import { pageNumber, renderListing } from './listing-page.js';
import { addSlash, archiveRoutes } from './archive-routes.js';
import { rowIdFrom } from '../db/row-id.js';

/** ?p=ID, with ?preview for a draft: whether p was sent at all, and its text (a repeated p is no id). */
const byIdQuery = inputOf({
  p: z.preprocess((v) => ({ given: v !== undefined, text: typeof v === 'string' ? v : '' }), z.object({ given: z.boolean(), text: z.string() })),
  preview: present,
  page_id: anyText,
});
/** ?moderation=ID on a permalink: the reader's comment that waits for moderation. */
const permalinkQuery = inputOf({ moderation: anyText.transform((v) => rowIdFrom(v) ?? undefined) });

/**
 * Renders one post or page. The page shows comments too, so it is composed outside posts/ (site/post-page.ts)
 * and handed in by features.ts: posts/ does not import comments/.
 */
export type ShowPost = (reply: FastifyReply, post: Post, opts: { preview?: boolean; heldCommentId?: number; commentPage?: number }) => Promise<FastifyReply>;
/** Renders one post's or page's comment feed (comments/feed-routes.ts) at `selfPath`. */
export type ShowCommentFeed = (reply: FastifyReply, post: Post, selfPath: string) => Promise<FastifyReply>;

/** The same cap as the router's maxParamLength for any one segment (http/server-options.ts), per segment. */
const MAX_SEGMENT = 2048;

function splitUrl(url: string): [string, string] {
  const i = url.indexOf('?');
  return i < 0 ? [url, ''] : [url.slice(0, i), url.slice(i)];
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
  if (!canReadPost(request.user ?? null, post)) return reply.callNotFound();
  return reply.redirect(encodeURI(permalinkPath(post, await loadSettings(ctx.db))), 301);
}

/**
 * WordPress's /?p=ID and /?page_id=ID of an imported blog (old_paths, migration 0024): they are links in the
 * wild, so they win over our own /?p=ID of the same number (which only undated drafts use as permalink).
 * A preview is always our own post.
 */
async function importedById(ctx: AppContext, request: FastifyRequest, query: { p: { text: string }; preview: boolean; page_id: string }): Promise<string | null> {
  if (query.preview) return null;
  const key = /^[1-9]\d{0,9}$/.test(query.p.text) ? `?p=${query.p.text}` : /^[1-9]\d{0,9}$/.test(query.page_id) ? `?page_id=${query.page_id}` : null;
  if (!key) return null;
  const resolved = await resolveOldPath(ctx.db, key, request.user ?? null);
  return resolved.kind === 'redirect' ? resolved.to : null;
}

/** The static front page (Settings → Reading) when one is set and published; else null (latest posts). */
async function frontPage(ctx: AppContext): Promise<Post | null> {
  const s = await loadSettings(ctx.db);
  if (s.show_on_front !== 'page' || !s.page_on_front) return null;
  const page = await findPostById(ctx.db, s.page_on_front);
  return isPublic(page) && page.type === 'page' ? page : null;
}

/** A trashed post that was public answers 410 Gone with a tombstone (resolve-path.ts); anything else, 404. */
async function showGoneOrMissing(ctx: AppContext, reply: FastifyReply, path: string) {
  const gone = await resolveTrashed(ctx.db, path);
  if (!gone) return reply.callNotFound();
  const what = gone.type === 'page' ? 'page' : 'post';
  return reply.page('public/gone', { title: 'Deleted', heading: `This ${what} was deleted`, message: `Its author has deleted this ${what}; there is nothing to read here any more.` }, 410);
}

export async function postRoutes(app: FastifyInstance, ctx: AppContext, showPost: ShowPost, showCommentFeed: ShowCommentFeed): Promise<void> {
  app.get('/', SHARED_PAGE, async (request, reply) => {
    const query = byIdQuery.parse(request.query);
    const imported = await importedById(ctx, request, query);
    if (imported) return reply.redirect(imported, 301);
    if (query.p.given) return showById(ctx, showPost, request, reply, query);
    const front = await frontPage(ctx);
    if (front) return showPost(reply, front, { heldCommentId: permalinkQuery.parse(request.query).moderation });
    return renderListing(ctx, reply, 1, { base: '/' });
  });

  app.get('/page/:n', addSlash);
  app.get('/page/:n/', SHARED_PAGE, async (request, reply) => {
    const n = pageNumber((request.params as { n?: string }).n ?? '');
    if (n === null) return reply.callNotFound();
    if (n === 1) return reply.redirect('/', 301);
    return renderListing(ctx, reply, n, { base: '/' });
  });

  await archiveRoutes(app, ctx);

  // Every other path: a page, a post under any structure, its comment feed (…/feed/), one of its comment
  // pages (…/comment-page-N/, WordPress's), or the posts page's pagination (…/page/N/). Routes with a fixed prefix (/feed/, /admin/, /author/, …) take precedence.
  app.get('/*', SHARED_PAGE, async (request, reply) => {
    const [path, query] = splitUrl(request.url);
    // Fastify answers an over-long route parameter with 414; the wildcard has no such cap of its own.
    if (path.split('/').some((segment) => segment.length > MAX_SEGMENT)) return reply.page('error', { status: 414, title: 'Address too long', message: 'This address is too long to be a page of this site.' }, 414);
    const tail = /^(.*\/)(feed|page\/([^/]+)|comment-page-([^/]+))\/?$/.exec(path);
    const resolved = await resolvePath(ctx.db, tail ? tail[1]! : path, request.user ?? null);
    if (resolved.kind === 'missing') return tail ? reply.callNotFound() : showGoneOrMissing(ctx, reply, path);
    const post = resolved.post;
    const canonical = resolved.kind === 'show' ? (tail ? tail[1]! : path) : resolved.to;
    if (tail?.[2] === 'feed') {
      const self = `${canonical}feed/`;
      return self === path ? showCommentFeed(reply, post, self) : reply.redirect(safeRedirectPath(self + query, { fallback: '/' }), 301);
    }
    if (tail?.[4] !== undefined) {
      // A page of the post's comment threads; the site's post page answers 404 past the last one and sends
      // the page shown by default to the permalink.
      const n = pageNumber(tail[4]);
      if (n === null) return reply.callNotFound();
      const self = `${canonical}comment-page-${n}/`;
      if (self !== path) return reply.redirect(safeRedirectPath(self + query, { fallback: '/' }), 301);
      return showPost(reply, post, { commentPage: n });
    }
    const settings = await loadSettings(ctx.db);
    const isPostsPage = settings.show_on_front === 'page' && post.type === 'page' && post.id === settings.page_for_posts;
    if (tail) {
      // Only the posts page (Settings → Reading) has pages of its own.
      const n = pageNumber(tail[3] ?? '');
      if (!isPostsPage || n === null) return reply.callNotFound();
      if (resolved.kind === 'redirect' || !path.endsWith('/') || n === 1) return reply.redirect(n === 1 ? canonical : `${canonical}page/${n}/`, 301);
      return renderListing(ctx, reply, n, { base: decodeURI(canonical), heading: post.title });
    }
    if (resolved.kind === 'redirect') return reply.redirect(safeRedirectPath(resolved.to + query, { fallback: '/' }), 301);
    if (isPostsPage) return renderListing(ctx, reply, 1, { base: decodeURI(canonical), heading: post.title });
    return showPost(reply, post, { heldCommentId: permalinkQuery.parse(request.query).moderation });
  });
}
