// Readers' comment form submissions (POST /comments). Anonymous readers send no CSRF token (there is no
// session to forge; the session cookie is SameSite=Lax, so no cross-site POST carries it either), so a
// CSS-hidden honeypot field and a per-IP rate limit keep the cheapest bots out.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import type { ReaderCommentErrors, ReaderCommentForm } from './reader-comment.js';
import { permalinkPath } from '../posts/permalink.js';
import { submitReaderComment } from './reader-service.js';

/** The post page again, with what the reader typed and why it was refused (site/post-page.ts, wired by features.ts). */
export type ShowPostWithForm = (reply: FastifyReply, post: Post, opts: { status: number; form: Partial<ReaderCommentForm>; errors: ReaderCommentErrors }) => Promise<FastifyReply>;

export async function commentRoutes(app: FastifyInstance, ctx: AppContext, showPost: ShowPostWithForm): Promise<void> {
  app.post('/comments', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const sender = { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), userId: request.user?.id ?? null };
    const outcome = await submitReaderComment(ctx, request.body, sender);
    switch (outcome.kind) {
      case 'no-post':
        return reply.callNotFound();
      case 'closed':
        return reply.page('error', { status: 403, title: 'Comments are closed', message: 'Comments are closed on this post, so yours was not saved.' }, 403);
      case 'invalid':
        return showPost(reply, outcome.post, { status: 400, form: outcome.typed, errors: outcome.errors });
      case 'refused': {
        const status = outcome.status >= 400 && outcome.status < 500 ? outcome.status : 403;
        return reply.page('error', { status, title: 'Comment not accepted', message: `Your comment was not saved: ${outcome.reason}.` }, status);
      }
      case 'stored': {
        const permalink = encodeURI(permalinkPath(outcome.post));
        const c = outcome.comment;
        return reply.redirect(c.status === 'approved' ? `${permalink}#comment-${c.id}` : `${permalink}?moderation=${c.id}#comment-form`, 303);
      }
    }
  });
}
