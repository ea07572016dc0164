// A reader's comment from the form on a post: honeypot, validation, sanitising, then the shared moderation
// rules through submitComment. Returns what happened; the route turns each outcome into a page or redirect.
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import { htmlToText, sanitizeCommentHtml } from '../content/sanitize.js';
import { findPostById } from '../posts/repository.js';
import { unlocks } from '../posts/post-password.js';
import { loadSettings } from '../settings/repository.js';
import { commentsOpen, validateReaderComment, type ReaderCommentErrors, type ReaderCommentForm, type ReaderCommentInput } from './reader-comment.js';
import { submitComment } from './service.js';

export type ReaderCommentOutcome =
  | { kind: 'no-post' }
  | { kind: 'closed'; post: Post }
  | { kind: 'locked'; post: Post }
  | { kind: 'invalid'; post: Post; typed: ReaderCommentForm; errors: ReaderCommentErrors }
  | { kind: 'refused'; post: Post; status: number; reason: string }
  | { kind: 'stored'; post: Post; comment: Comment };

export interface Sender {
  ip: string;
  userAgent: string;
  userId: number | null;
  /** The reader's post password cookie, if any (posts/post-password.ts). */
  postpass?: string;
}

export async function submitReaderComment(ctx: AppContext, form: ReaderCommentInput, sender: Sender): Promise<ReaderCommentOutcome> {
  const post = form.postId === null ? undefined : await findPostById(ctx.db, form.postId);
  if (!post || post.status !== 'published') return { kind: 'no-post' };
  // WordPress refuses comments on a protected post until the reader has given its password.
  if (!unlocks(ctx.config.sessionSecret, post, sender.postpass)) return { kind: 'locked', post };
  const settings = await loadSettings(ctx.db);
  if (!commentsOpen(post, settings, ctx.clock.now())) return { kind: 'closed', post };

  const typed = { author: form.author, email: form.email, url: form.url, content: form.content };
  const errors: ReaderCommentErrors = form.honeypot
    ? { form: 'The field marked "leave this empty" must stay empty. Clear it and send your comment again.' }
    : validateReaderComment(typed, settings.require_name_email);
  const content = sanitizeCommentHtml(form.content.trim());
  if (!errors.content && !htmlToText(content) && !/<a\s/i.test(content)) errors.content = 'Your comment has no text left once HTML that is not allowed is removed.';
  if (Object.keys(errors).length) return { kind: 'invalid', post, typed, errors };

  const result = await submitComment(ctx, post, {
    postId: post.id,
    kind: 'comment',
    authorName: form.author,
    authorEmail: form.email,
    authorUrl: form.url,
    content,
    ip: sender.ip,
    userAgent: sender.userAgent,
    userId: sender.userId,
  });
  if (!result.ok) return { kind: 'refused', post, status: result.decision.httpStatus, reason: result.decision.reason };
  return { kind: 'stored', post, comment: result.comment };
}
