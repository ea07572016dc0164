// Moderation actions on one comment, shared by the panel, XML-RPC (wp.editComment) and bulk actions. Spam
// and trash remember the previous status so "not spam", "restore" and undo put it back.
import type { AppContext } from '../context.js';
import type { Comment, CommentStatus } from '../db/schema.js';
import { addCommentEvent, findComment } from './repository.js';
import { deleteComment, setCommentStatus } from './moderation-repository.js';
import { enqueue } from '../jobs/queue.js';
import { COMMENT_NOTICE_JOB, type CommentNoticePayload } from '../jobs/job-types.js';
import { loadSettings } from '../settings/repository.js';

export type ModerationAction = 'approve' | 'unapprove' | 'spam' | 'unspam' | 'trash' | 'restore' | 'delete';

export const MODERATION_ACTIONS: ModerationAction[] = ['approve', 'unapprove', 'spam', 'unspam', 'trash', 'restore', 'delete'];

/** Applies an action; returns the updated comment, null when deleted, or undefined when there is no such comment. */
export async function moderateComment(ctx: AppContext, id: number, action: ModerationAction, actor = 'admin'): Promise<Comment | null | undefined> {
  let notify = false;
  const result = await ctx.transaction(async (trx) => {
    const c = await findComment(trx, id);
    if (!c) return undefined;
    const now = ctx.clock.now().toISOString();
    if (action === 'delete') {
      await deleteComment(trx, id);
      return null;
    }
    let status: CommentStatus = c.status;
    let before: CommentStatus | null = c.status_before_trash;
    switch (action) {
      case 'approve':
        status = 'approved';
        break;
      case 'unapprove':
        status = 'pending';
        break;
      case 'spam':
      case 'trash':
        if (c.status !== 'spam' && c.status !== 'trash') before = c.status;
        status = action;
        break;
      case 'unspam':
      case 'restore':
        status = before && before !== 'spam' && before !== 'trash' ? before : 'pending';
        before = null;
        break;
    }
    const updated = await setCommentStatus(trx, id, status, before, now);
    await addCommentEvent(trx, id, now, `moderation:${action}`, `${c.status} → ${status} by ${actor}`);
    // "Anyone posts a comment" also covers a comment published by a moderator: WordPress's
    // wp_set_comment_status('approve') calls wp_new_comment_notify_postauthor. Queued with the change.
    if (action === 'approve' && c.status !== 'approved' && (await loadSettings(trx)).comments_notify) {
      await enqueue(trx, ctx.clock, { type: COMMENT_NOTICE_JOB, payload: { commentId: id, event: 'approved' } satisfies CommentNoticePayload });
      notify = true;
    }
    return updated;
  });
  if (notify) ctx.wakeWorker();
  return result;
}
