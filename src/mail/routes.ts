// The pages behind a moderation mail's links (/mail/comment/<token>). GET only shows what the link would do
// and a button; the button POSTs, and only the POST acts (mail scanners and link previews fetch with GET).
// No session or CSRF token is needed or made: the unguessable single-use token in the URL is the credential,
// and a page elsewhere cannot know it. A used or expired link gets a 410 page that says so.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { findComment } from '../comments/repository.js';
import { moderateComment } from '../comments/moderation.js';
import { findPostById } from '../posts/repository.js';
import { htmlToText } from '../content/sanitize.js';
import { inputOf, singleText } from '../http/input.js';
import { lookUpLink, REFUSAL_STATUS, spendLink, type LinkRefusal } from './links.js';
import { moderationActionOf, MODERATION_PURPOSES, type MailModerationAction } from './tokens.js';

const PURPOSES = Object.values(MODERATION_PURPOSES);
const tokenParams = inputOf({ token: singleText });

const VERB: Record<MailModerationAction, { button: string; done: string; title: string }> = {
  approve: { title: 'Approve this comment?', button: 'Approve comment', done: 'The comment is approved and shows on the post.' },
  spam: { title: 'Mark this comment as spam?', button: 'Mark as spam', done: 'The comment is marked as spam.' },
  trash: { title: 'Move this comment to the trash?', button: 'Move to trash', done: 'The comment is in the trash.' },
};

const REFUSED: Record<LinkRefusal, string> = {
  unknown: 'This link is not one this site sent, or it was mistyped. Open the moderation panel to decide on the comment.',
  used: 'This link has already been used (each moderation link works once, and using one link of a mail spends the others). Open the moderation panel to change the decision.',
  expired: 'This link has expired. Open the moderation panel to decide on the comment.',
};

export async function mailLinkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = (reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) => {
    // The token is in the URL: no Referer may carry it away, and no cache may keep the page.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'private, no-store');
    return reply.page(template, { user: null, ...data }, status);
  };
  const refused = (reply: FastifyReply, reason: LinkRefusal) => page(reply, 'mail/refused', { title: reason === 'unknown' ? 'Link not found' : reason === 'used' ? 'Link already used' : 'Link expired', message: REFUSED[reason] }, REFUSAL_STATUS[reason]);

  app.get('/mail/comment/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const found = await lookUpLink(ctx.db, ctx, token, PURPOSES);
    if (!found.ok) return refused(reply, found.reason);
    const action = moderationActionOf(found.token.purpose)!;
    const comment = await findComment(ctx.db, found.token.subject_id);
    if (!comment) return page(reply, 'mail/refused', { title: 'Comment not found', message: 'The comment this link is about has been deleted.' }, 404);
    const post = await findPostById(ctx.db, comment.post_id);
    return page(reply, 'mail/confirm', {
      title: VERB[action].title,
      action,
      button: VERB[action].button,
      formAction: `/mail/comment/${token}`,
      comment: { kind: comment.kind, author: comment.author_name, email: comment.author_email, url: comment.source_url ?? comment.author_url, status: comment.status, text: htmlToText(comment.excerpt ?? comment.content).slice(0, 2000) },
      postTitle: post?.title ?? '(deleted post)',
    });
  });

  app.post('/mail/comment/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const spent = await ctx.transaction((trx) => spendLink(trx, ctx, token, PURPOSES));
    if (!spent.ok) return refused(reply, spent.reason);
    const action = moderationActionOf(spent.token.purpose)!;
    const updated = await moderateComment(ctx, spent.token.subject_id, action, 'a link in a moderation mail');
    if (!updated) return page(reply, 'mail/refused', { title: 'Comment not found', message: 'The comment this link is about has been deleted.' }, 404);
    ctx.log.info({ commentId: updated.id, action }, 'comment moderated through a mail link');
    return page(reply, 'mail/done', { title: 'Done', message: VERB[action].done });
  });
}
