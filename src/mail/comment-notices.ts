// "Email me whenever" (Settings → Discussion): a held comment or linkback is mailed to every administrator
// and editor with approve / spam / trash links; one published at once is mailed to the post's author. The
// notice job (queued with the comment) fans out to one job per recipient, so a refusing mailbox is retried
// alone and never makes the others get the mail twice.
import type { AppContext } from '../context.js';
import { enqueue } from '../jobs/queue.js';
import type { CommentNoticeEvent, CommentNoticePayload } from '../jobs/job-types.js';
import { countPending, findComment } from '../comments/repository.js';
import { findPostById } from '../posts/repository.js';
import { permalinkUrl } from '../posts/permalink.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { htmlToText } from '../content/sanitize.js';
import { findMailUser, moderatorsForMail, type MailUser } from '../users/mail-repository.js';
import type { Comment, Post } from '../db/schema.js';
import { heldCommentMail, newCommentMail, type CommentFacts } from './templates.js';
import { issueLinks } from './issue-links.js';
import { MODERATION_TTL_MS } from './tokens.js';
import type { MailTransport } from './transport.js';
import type { JobContext } from '../jobs/worker.js';

export const COMMENT_MAIL_JOB = 'mail.comment';
/** Every mail job shares one "host", so at most WORKER_PER_HOST messages go to the SMTP server at once. */
export const MAIL_HOST = 'smtp.outgoing';

export interface CommentMailPayload extends CommentNoticePayload {
  userId: number;
}

/** The fan-out: who is told, one job each. Nothing to tell when the comment is gone or already decided. */
export async function fanOutCommentNotice(ctx: AppContext, p: CommentNoticePayload, job: JobContext): Promise<void> {
  const comment = await findComment(ctx.db, p.commentId);
  if (!comment || !stillTrue(comment, p.event)) {
    job.log.info({ commentId: p.commentId, event: p.event }, 'comment notice skipped: the comment is gone or no longer waiting');
    return;
  }
  const post = await findPostById(ctx.db, comment.post_id);
  if (!post) return;
  const recipients = p.event === 'held' ? await moderatorsForMail(ctx.db) : await postAuthorToTell(ctx, post, comment);
  await ctx.transaction(async (trx) => {
    for (const r of recipients) {
      const payload: CommentMailPayload = { ...p, userId: r.id };
      await enqueue(trx, ctx.clock, { type: COMMENT_MAIL_JOB, payload, host: MAIL_HOST, dedupeKey: `${COMMENT_MAIL_JOB}:${p.commentId}:${p.event}:${r.id}` });
    }
  });
  if (recipients.length) ctx.wakeWorker();
}

/** A notice is sent only while it is still true: a held comment still waits, a published one is still up. */
const stillTrue = (comment: Comment, event: CommentNoticePayload['event']) => comment.status === (event === 'held' ? 'pending' : 'approved');

/** WordPress does not tell authors about their own comments (wp_notify_postauthor); nor do we, by address. */
async function postAuthorToTell(ctx: AppContext, post: Post, comment: Comment): Promise<MailUser[]> {
  const author = await findMailUser(ctx.db, post.author_id);
  if (!author || !author.email) return [];
  if (comment.author_email.trim().toLowerCase() === author.email.trim().toLowerCase()) return [];
  return [author];
}

/** One recipient's mail: made and sent now (links issued just before sending, so a retry brings fresh ones). */
export async function sendCommentMail(ctx: AppContext, transport: MailTransport, p: CommentMailPayload, job: JobContext): Promise<void> {
  const [comment, user] = [await findComment(ctx.db, p.commentId), await findMailUser(ctx.db, p.userId)];
  if (!comment || !user?.email) return;
  if (!stillTrue(comment, p.event)) return;
  const post = await findPostById(ctx.db, comment.post_id);
  if (!post) return;
  const settings = await loadSettings(ctx.db);
  const base = siteUrl(ctx.config, settings);
  const postUrl = encodeURI(permalinkUrl(base, post, settings));
  const facts: CommentFacts = {
    site: settings.site_title,
    postTitle: post.title,
    postUrl,
    kind: comment.kind,
    authorName: comment.author_name,
    authorEmail: comment.author_email,
    authorUrl: comment.author_url,
    sourceUrl: comment.source_url,
    ip: comment.ip,
    text: htmlToText(comment.excerpt ?? comment.content).slice(0, 5000),
  };
  const panel = `${base}/admin/comments?status=pending`;
  const mail = p.event === 'held' ? await heldMail(ctx, comment, facts, base, panel) : newCommentMail(facts, { comments: `${postUrl}#comments`, panel: `${base}/admin/comments` });
  await transport.send({ to: user.email, ...mail }, job.log);
}

async function heldMail(ctx: AppContext, comment: Comment, facts: CommentFacts, base: string, panel: string) {
  const t = await issueLinks(ctx, ['comment.approve', 'comment.spam', 'comment.trash'], comment.id, MODERATION_TTL_MS);
  const link = (token: string) => `${base}/mail/comment/${token}`;
  const pending = await countPending(ctx.db);
  return heldCommentMail(facts, { approve: link(t['comment.approve']), spam: link(t['comment.spam']), trash: link(t['comment.trash']), panel }, pending, MODERATION_TTL_MS / 86_400_000);
}

export type { CommentNoticeEvent };
