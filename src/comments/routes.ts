// Readers' comment form submissions (POST /comments). Anonymous readers send no CSRF token (there is no
// session to forge), so a CSS-hidden honeypot field and a per-IP rate limit keep the cheapest bots out.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { sanitizeCommentHtml, htmlToText } from '../content/sanitize.js';
import { renderPostPage } from '../posts/post-page-view.js';
import { permalinkPath } from '../posts/permalink.js';
import { findPostById } from '../posts/repository.js';
import { loadSettings } from '../settings/settings.js';
import { commentsOpen, readCommentForm, validateReaderComment, type ReaderCommentErrors } from './reader-comment.js';
import { submitComment } from './service.js';

export async function commentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post('/comments', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const form = readCommentForm(request.body);
    const post = /^[1-9]\d{0,9}$/.test(form.postId) ? await findPostById(ctx.db, Number(form.postId)) : undefined;
    if (!post || post.status !== 'published') return reply.callNotFound();
    const settings = await loadSettings(ctx.db);
    if (!commentsOpen(post, settings, ctx.clock.now())) {
      return reply.page('error', { status: 403, title: 'Comments are closed', message: 'Comments are closed on this post, so yours was not saved.' }, 403);
    }
    const typed = { author: form.author, email: form.email, url: form.url, content: form.content };
    const errors: ReaderCommentErrors = form.honeypot
      ? { form: 'The field marked "leave this empty" must stay empty. Clear it and send your comment again.' }
      : validateReaderComment(typed, settings.require_name_email);
    const content = sanitizeCommentHtml(form.content.trim());
    if (!errors.content && !htmlToText(content) && !/<a\s/i.test(content)) errors.content = 'Your comment has no text left once HTML that is not allowed is removed.';
    if (Object.keys(errors).length) return renderPostPage(reply, ctx, post, { status: 400, form: typed, errors });

    const result = await submitComment(ctx, post, {
      postId: post.id,
      kind: 'comment',
      authorName: form.author,
      authorEmail: form.email,
      authorUrl: form.url,
      content,
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? ''),
      userId: request.user?.id ?? null,
    });
    if (!result.ok) {
      const status = result.decision.httpStatus >= 400 && result.decision.httpStatus < 500 ? result.decision.httpStatus : 403;
      return reply.page('error', { status, title: 'Comment not accepted', message: result.decision.reason }, status);
    }
    const permalink = encodeURI(permalinkPath(post));
    const c = result.comment;
    return reply.redirect(c.status === 'approved' ? `${permalink}#comment-${c.id}` : `${permalink}?moderation=${c.id}#comment-form`, 303);
  });
}
