// A reader's comment from the form on a post: validation, the parent of a reply, sanitising, then the shared
// moderation rules through submitComment (the honeypot and the time to send are spam traps there, rule 6a).
// Returns what happened; the route turns each outcome into a page or redirect.
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import { htmlToText, sanitizeCommentHtml } from '../content/sanitize.js';
import { findPostById } from '../posts/repository.js';
import { loadSettings } from '../settings/repository.js';
import { commentsOpen, validateReaderComment, type ReaderCommentErrors, type ReaderCommentForm, type ReaderCommentInput } from './reader-comment.js';
import { unlocks } from '../posts/post-password.js';
import { canReadPost, type Viewer } from '../posts/visibility.js';
import { rowIdFrom } from '../db/row-id.js';
import { findComment } from './repository.js';
import { MIN_SECONDS, secondsSinceShown } from './form-time.js';
import type { RefusalRule } from './rules.js';
import { submitComment } from './service.js';

export type ReaderCommentOutcome =
  | { kind: 'no-post' }
  | { kind: 'closed'; post: Post; typed: ReaderCommentForm }
  | { kind: 'locked'; post: Post; typed: ReaderCommentForm }
  | { kind: 'invalid'; post: Post; typed: ReaderCommentForm; errors: ReaderCommentErrors }
  | { kind: 'refused'; post: Post; typed: ReaderCommentForm; status: number; rule: RefusalRule; reason: string }
  | { kind: 'stored'; post: Post; comment: Comment; typed: ReaderCommentForm };

export interface Sender {
  ip: string;
  userAgent: string;
  userId: number | null;
  /** The reader's post password cookie, if any (posts/post-password.ts). */
  postpass?: string;
  /** The signed-in reader: a private post takes comments from those who may read it (posts/visibility.ts). */
  viewer?: Viewer;
}

/**
 * The comment a reply answers: an approved reader's comment on the same post (WordPress refuses a reply to
 * an unapproved parent in wp_handle_comment_submission), else why not, in words for the form.
 */
async function parentOf(ctx: AppContext, post: Post, raw: string): Promise<{ ok: true; parent: Comment | null } | { ok: false; message: string }> {
  if (raw === '') return { ok: true, parent: null };
  const id = rowIdFrom(raw);
  const parent = id === null ? undefined : await findComment(ctx.db, id);
  if (!parent || parent.post_id !== post.id || parent.kind !== 'comment') return { ok: false, message: 'The comment you replied to is not on this post. Your reply is kept below: send it as a new comment, or reply to another one.' };
  if (parent.status !== 'approved') return { ok: false, message: 'The comment you replied to is not published (it may have been removed). Your reply is kept below: send it as a new comment instead.' };
  return { ok: true, parent };
}

export async function submitReaderComment(ctx: AppContext, form: ReaderCommentInput, sender: Sender): Promise<ReaderCommentOutcome> {
  const post = form.postId === null ? undefined : await findPostById(ctx.db, form.postId);
  if (!post || !canReadPost(sender.viewer ?? null, post)) return { kind: 'no-post' };
  const settings = await loadSettings(ctx.db);
  const typed: ReaderCommentForm = { author: form.author, email: form.email, url: form.url, content: form.content, parent: form.parent, remember: form.remember };
  if (!commentsOpen(post, settings, ctx.clock.now())) return { kind: 'closed', post, typed };
  // WordPress refuses comments on a protected post until the reader has given its password.
  if (!unlocks(ctx.config.sessionSecret, post, sender.postpass)) return { kind: 'locked', post, typed };

  const errors: ReaderCommentErrors = validateReaderComment(typed, settings.require_name_email);
  const content = sanitizeCommentHtml(form.content.trim());
  if (!errors.content && !htmlToText(content) && !/<a\s/i.test(content)) errors.content = 'Your comment has no text left once HTML that is not allowed is removed.';
  const parent = await parentOf(ctx, post, form.parent);
  if (!parent.ok) errors.form = parent.message;
  if (Object.keys(errors).length || !parent.ok) return { kind: 'invalid', post, typed, errors };

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
    parentId: parent.parent?.id ?? null,
    threadId: parent.parent ? (parent.parent.thread_id ?? parent.parent.id) : null,
    traps: { honeypot: form.honeypot !== '', secondsToSend: secondsSinceShown(ctx.config.sessionSecret, post.id, form.shownAt, ctx.clock.now()), minSeconds: MIN_SECONDS },
  });
  if (!result.ok) return { kind: 'refused', post, typed, status: result.decision.httpStatus, rule: result.decision.rule, reason: result.decision.reason };
  return { kind: 'stored', post, comment: result.comment, typed };
}
