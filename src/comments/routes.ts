// Readers' comment form submissions (POST /comments). Readers have no session (issue 10 point 5), so the
// form is protected without cookies: the POST must come from a page of this site (Sec-Fetch-Site / Origin /
// Referer, http/same-origin.ts) and carry the post's form token (form-token.ts). A CSS-hidden honeypot field
// and a per-IP rate limit keep the cheapest bots out.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import { checkSameOrigin } from '../http/same-origin.js';
import type { ReaderCommentErrors, ReaderCommentForm } from './reader-comment.js';
import { permalinkPath } from '../posts/permalink.js';
import { postpassCookieName } from '../posts/post-password.js';
import { findPostById } from '../posts/repository.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { validCommentFormToken } from './form-token.js';
import { readerCommentInput } from './reader-comment.js';
import { submitReaderComment } from './reader-service.js';

/** The post page again, with what the reader typed and why it was refused (site/post-page.ts, wired by features.ts). */
export type ShowPostWithForm = (reply: FastifyReply, post: Post, opts: { status: number; form: Partial<ReaderCommentForm>; errors: ReaderCommentErrors }) => Promise<FastifyReply>;

export async function commentRoutes(app: FastifyInstance, ctx: AppContext, showPost: ShowPostWithForm): Promise<void> {
  app.post('/comments', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const form = readerCommentInput.parse(request.body);
    const base = siteUrl(ctx.config, await loadSettings(ctx.db));
    const origin = checkSameOrigin(request, base);
    const tokenOk = form.postId !== null && validCommentFormToken(ctx.config.sessionSecret, form.postId, form.token);
    if (!origin.ok || !tokenOk) {
      request.log.info({ reason: origin.ok ? 'bad form token' : origin.reason }, 'comment form refused');
      const post = form.postId === null ? undefined : await findPostById(ctx.db, form.postId);
      const message = origin.ok
        ? 'This form has expired or was not sent from this site. Reload the page and send your comment again; it is kept below.'
        : 'This comment was sent from another site, so it was not saved. If you wrote it, post it from the form below; it is kept there.';
      if (!post || post.status !== 'published') return reply.callNotFound();
      const typed = { author: form.author, email: form.email, url: form.url, content: form.content };
      return showPost(reply, post, { status: 403, form: typed, errors: { form: message } });
    }
    const sender = { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), userId: request.user?.id ?? null, postpass: request.cookies?.[postpassCookieName(base)] };
    const outcome = await submitReaderComment(ctx, form, sender);
    switch (outcome.kind) {
      case 'no-post':
        return reply.callNotFound();
      case 'locked':
        return reply.page('error', { status: 403, title: 'This post is password protected', message: 'Enter the post\'s password on its page first; then you can comment.' }, 403);
      case 'closed':
        return reply.page('error', { status: 403, title: 'Comments are closed', message: 'Comments are closed on this post, so yours was not saved.' }, 403);
      case 'invalid':
        return showPost(reply, outcome.post, { status: 400, form: outcome.typed, errors: outcome.errors });
      case 'refused': {
        const status = outcome.status >= 400 && outcome.status < 500 ? outcome.status : 403;
        return reply.page('error', { status, title: 'Comment not accepted', message: `Your comment was not saved: ${outcome.reason}.` }, status);
      }
      case 'stored': {
        const permalink = encodeURI(permalinkPath(outcome.post, await loadSettings(ctx.db)));
        const c = outcome.comment;
        return reply.redirect(c.status === 'approved' ? `${permalink}#comment-${c.id}` : `${permalink}?moderation=${c.id}#comment-form`, 303);
      }
    }
  });
}
