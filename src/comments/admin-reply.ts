// An admin's reply from the moderation panel (issue 16 point 1), as WordPress's "Reply" / "Approve and
// Reply" row action: answering a held comment approves it in the same step (a reply under a comment nobody
// can see would make no sense), then the reply goes through the same rules as any comment (written by an
// administrator, it is approved; the flood rule spares them; a duplicate is still refused).
import type { AppContext } from '../context.js';
import type { Comment, User } from '../db/schema.js';
import { htmlToText } from '../content/sanitize.js';
import { findPostById } from '../posts/repository.js';
import { moderateComment } from './moderation.js';
import { MAX_COMMENT_CHARS } from './reader-comment.js';
import { findComment } from './repository.js';
import { refusalSentence } from './refusal-messages.js';
import { submitComment } from './service.js';

export type AdminReplyOutcome =
  | { kind: 'no-comment' }
  | { kind: 'invalid'; parent: Comment; message: string }
  | { kind: 'stored'; parent: Comment; reply: Comment; approvedParent: boolean };

export async function replyAsAdmin(ctx: AppContext, user: User, parentId: number, text: string, sender: { ip: string; userAgent: string }): Promise<AdminReplyOutcome> {
  const parent = await findComment(ctx.db, parentId);
  if (!parent) return { kind: 'no-comment' };
  const post = await findPostById(ctx.db, parent.post_id);
  if (parent.kind !== 'comment' || !post) return { kind: 'invalid', parent, message: 'Only readers’ comments can be answered here; a linkback has no one to reply to.' };
  if (parent.status === 'spam' || parent.status === 'trash') return { kind: 'invalid', parent, message: `This comment is in the ${parent.status}; restore it before replying.` };
  const content = text.trim();
  if (!content || !htmlToText(content).trim()) return { kind: 'invalid', parent, message: 'Type a reply first.' };
  if (Array.from(content).length > MAX_COMMENT_CHARS) return { kind: 'invalid', parent, message: `The reply is too long (${MAX_COMMENT_CHARS} characters at most).` };
  if (post.status !== 'published') return { kind: 'invalid', parent, message: 'The post is not published, so a reply could not be shown.' };

  const approvedParent = parent.status === 'pending';
  if (approvedParent) await moderateComment(ctx, parent.id, 'approve', user.username);
  const result = await submitComment(ctx, post, {
    postId: post.id,
    kind: 'comment',
    authorName: user.display_name || user.username,
    authorEmail: user.email,
    authorUrl: '',
    content,
    ip: sender.ip,
    userAgent: sender.userAgent,
    userId: user.id,
    parentId: parent.id,
    threadId: parent.thread_id ?? parent.id,
  });
  if (!result.ok) return { kind: 'invalid', parent: { ...parent, status: approvedParent ? 'approved' : parent.status }, message: refusalSentence(result.decision.rule) };
  return { kind: 'stored', parent, reply: result.comment, approvedParent };
}
