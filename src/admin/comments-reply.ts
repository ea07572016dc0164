// One comment's page in the moderation panel (/admin/comments/:id) and its reply form (issue 16 point 1):
// an admin answers a reader from here, approving a held comment in the same step as WordPress's
// "Approve and Reply". A refused reply comes back on the same page, in the admin layout, with its text.
import { loadSettings } from '../settings/repository.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { Comment } from '../db/schema.js';
import { requireCapability } from '../http/auth.js';
import { inputOf, singleText } from '../http/input.js';
import { commentHistory } from '../comments/panel-repository.js';
import { MODERATION_ACTIONS } from '../comments/moderation.js';
import { findComment } from '../comments/repository.js';
import { isLinkbackKind } from '../comments/matching.js';
import { replyAsAdmin } from '../comments/admin-reply.js';
import { findPostById } from '../posts/repository.js';
import { permalinkPath } from '../posts/permalink.js';
import { commentParams } from './comments-panel.js';

const moderateComments = requireCapability('moderate_comments');

const replyForm = inputOf({ content: singleText.transform((v) => v.slice(0, 100_000)) });

export async function renderCommentDetail(ctx: AppContext, reply: FastifyReply, comment: Comment, form: { replyText?: string; replyError?: string } = {}, status = 200) {
  const post = await findPostById(ctx.db, comment.post_id);
  return reply.page(
    'admin/comments-detail',
    {
      title: `Comment #${comment.id}`,
      comment,
      linkback: isLinkbackKind(comment.kind),
      post,
      postPath: post ? permalinkPath(post, await loadSettings(ctx.db)) : null,
      events: await commentHistory(ctx.db, comment.id),
      actions: MODERATION_ACTIONS,
      replyText: form.replyText ?? '',
      replyError: form.replyError ?? '',
    },
    status,
  );
}

function notFound(reply: FastifyReply) {
  return reply.page('admin/error', { status: 404, title: 'Not found', message: 'There is no such comment. It may have been deleted.', back: { href: '/admin/comments', label: 'All comments' } }, 404);
}

export async function commentReplyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/admin/comments/:id', { preHandler: moderateComments }, async (request, reply) => {
    const { id } = commentParams.parse(request.params);
    const comment = id !== null ? await findComment(ctx.db, id) : undefined;
    return comment ? renderCommentDetail(ctx, reply, comment) : notFound(reply);
  });

  app.post('/admin/comments/:id/reply', { preHandler: [moderateComments, app.csrfProtection] }, async (request, reply) => {
    const { id } = commentParams.parse(request.params);
    const { content } = replyForm.parse(request.body);
    if (id === null) return notFound(reply);
    const sender = { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
    const outcome = await replyAsAdmin(ctx, request.user!, id, content, sender);
    if (outcome.kind === 'no-comment') return notFound(reply);
    if (outcome.kind === 'invalid') return renderCommentDetail(ctx, reply, outcome.parent, { replyText: content, replyError: outcome.message }, 400);
    request.session.set('flash', outcome.approvedParent ? 'Comment approved and your reply published.' : 'Your reply was published.');
    return reply.redirect(`/admin/comments/${outcome.parent.id}`, 303);
  });
}
