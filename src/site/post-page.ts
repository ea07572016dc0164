// Renders one post page (permalink, preview, and the comment form's error re-render share it): the post,
// the post-page hooks' headers and markup, mentions, readers' comments and the form.
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import type { ReaderCommentErrors, ReaderCommentForm } from '../comments/reader-comment.js';
import { findComment } from '../comments/repository.js';
import { commentPaging } from '../comments/comment-pages.js';
import { replyContext } from './reply-context.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { archiveLinks, pagesMenu } from '../posts/public-service.js';
import { postPage } from './post-page-model.js';
import { escapeHtml } from '../content/escape.js';
import { commentFormToken } from '../comments/form-token.js';
import { formTimeStamp } from '../comments/form-time.js';
import { permalinkPath } from '../posts/permalink.js';
import { commentsCloseAt } from '../comments/reader-comment.js';
import { limitSharedLifetime } from '../http/page-cache.js';
import { findMedia } from '../media/repository.js';
import { imageTag } from '../media/markup.js';
import type { Settings } from '../settings/definitions.js';
import { postpassCookieName, postpassFormToken, unlocks } from '../posts/post-password.js';
import { isProtected } from '../posts/visibility.js';


export interface PostPageOptions {
  status?: number;
  preview?: boolean;
  form?: Partial<ReaderCommentForm>;
  errors?: ReaderCommentErrors;
  /** The reader's comment named by ?moderation=: the page says it waits for moderation if it is this post's and not approved. */
  heldCommentId?: number;
  /** A wrong password was just given for this protected post: the form says so. */
  passwordError?: string;
  /** /comment-page-N/ (posts/routes.ts's path resolver); otherwise the page the Discussion settings show first. */
  commentPage?: number;
}

/** Whether this request carries the password cookie that unlocks the post (posts/post-password.ts). */
export function requestUnlocks(reply: FastifyReply, ctx: AppContext, post: Post, base: string): boolean {
  return unlocks(ctx.config.sessionSecret, post, reply.request.cookies?.[postpassCookieName(base)]);
}

/** The post's featured image as the theme shows it above the content (WordPress's post thumbnail), or ''. */
async function featuredImage(ctx: AppContext, post: Post, settings: Settings): Promise<string> {
  if (post.featured_media_id === null) return '';
  const media = await findMedia(ctx.db, post.featured_media_id);
  return media && media.kind === 'image' ? imageTag(media, settings, { className: 'featured-image' }) : '';
}

async function heldForModeration(ctx: AppContext, post: Post, commentId: number): Promise<boolean> {
  const c = await findComment(ctx.db, commentId);
  return Boolean(c && c.post_id === post.id && c.status !== 'approved');
}

export async function renderPostPage(reply: FastifyReply, ctx: AppContext, post: Post, opts: PostPageOptions = {}): Promise<FastifyReply> {
  const settings = await loadSettings(ctx.db);
  const user = reply.request.user;
  const base = siteUrl(ctx.config, settings);
  const unlocked = requestUnlocks(reply, ctx, post, base);
  const asked = await replyContext(ctx, reply.request, post, opts.form?.parent);
  if (asked.redirectToPage !== undefined && !opts.preview && post.status === 'published') {
    return reply.redirect(`${encodeURI(permalinkPath(post, settings))}${asked.redirectToPage > 1 ? `comment-page-${asked.redirectToPage}/` : ''}#comments`, 301);
  }
  const paging = await commentPaging(ctx.db, settings, post.id, opts.commentPage);
  if (!paging) {
    reply.callNotFound();
    return reply;
  }
  // /comment-page-N/ of the page shown by default is the permalink itself (WordPress redirects it there).
  if (opts.commentPage !== undefined && paging.page === paging.dflt) return reply.redirect(encodeURI(permalinkPath(post, settings)), 301);
  const [page, archives, featured, menu] = await Promise.all([postPage(ctx, settings, post, base, paging, asked.heldIds, unlocked), archiveLinks(ctx), featuredImage(ctx, post, settings), pagesMenu(ctx, settings)]);
  const awaitingModeration = opts.heldCommentId !== undefined && (await heldForModeration(ctx, post, opts.heldCommentId));
  for (const [name, value] of Object.entries(page.headers)) reply.header(name, value);
  // The form disappears when comments close by age, without any write to invalidate the cached page.
  const closes = page.commentsOpen ? commentsCloseAt(post, settings) : null;
  if (closes) limitSharedLifetime(reply, new Date(closes.getTime() + 1));
  let head = page.head;
  if (post.status === 'published') head = `<link rel="canonical" href="${escapeHtml(base + page.post.permalink)}">\n` + head;
  if (post.status === 'private' || (isProtected(post) && unlocked)) {
    // Someone's own view (a private post, an unlocked protected one): never for a shared cache, never indexed.
    head = '<meta name="robots" content="noindex, nofollow">\n' + head;
    reply.header('cache-control', 'private, no-store');
  }
  if (opts.preview) {
    // Previews must never be indexed or cached by a shared cache.
    head = '<meta name="robots" content="noindex, nofollow">\n' + head;
    reply.header('x-robots-tag', 'noindex, nofollow').header('cache-control', 'private, no-store');
  }
  return reply.page(
    'public/post',
    {
      ...page,
      title: page.post.title,
      head,
      archives,
      menu,
      isPage: post.type === 'page',
      preview: Boolean(opts.preview),
      featuredImage: page.post.locked ? '' : featured,
      passwordError: opts.passwordError ?? '',
      postStatus: post.status,
      // A signed-in user's name and email are filled in, as WordPress does for logged-in commenters.
      form: { author: user?.display_name ?? '', email: user?.email ?? '', url: '', content: '', parent: '', remember: false, ...(opts.form ?? {}) },
      replyTo: asked.replyTo,
      formTime: formTimeStamp(ctx.config.sessionSecret, post.id, ctx.clock.now()),
      errors: opts.errors ?? {},
      formToken: commentFormToken(ctx.config.sessionSecret, post.id),
      postpassToken: page.post.locked ? postpassFormToken(ctx.config.sessionSecret, post.id) : '',
      awaitingModeration,
    },
    opts.status ?? 200,
  );
}
