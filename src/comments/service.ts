// Creates a comment of any kind: runs the moderation rules, stores the result with its reason and a first
// history event. Readers' comments and all three linkback protocols come through here.
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import { semanticColumns, type MentionSemantics } from './mention-semantics.js';
import { lockFor, LOCK_SPACE, type LockKey } from '../db/advisory-lock.js';
import { sanitizeCommentHtml } from '../content/sanitize.js';
import { linkPlainUrls } from './autolink.js';
import { loadSettings } from '../settings/repository.js';
import { isLinkbackKind } from './matching.js';
import { addCommentEvent, insertComment } from './repository.js';
import { decide, type CommentCandidate, type Decision, type RuleOptions } from './rules.js';
import { enqueue } from '../jobs/queue.js';
import { COMMENT_NOTICE_JOB, type CommentNoticeEvent, type CommentNoticePayload } from '../jobs/job-types.js';
import type { Settings } from '../settings/definitions.js';

export interface LinkbackFields {
  sourceUrl: string;
  targetUrl: string;
  title: string;
  excerpt: string;
  verifiedAt: string | null;
  verificationState: 'unverified' | 'verified';
  /** What the source's microformats2 say it is (issue 19), when it has any. */
  semantic?: MentionSemantics | null;
}

export type SubmitResult = { ok: true; comment: Comment; decision: Decision } | { ok: false; decision: Extract<Decision, { action: 'refuse' }> };

const statusFor = { approve: 'approved', hold: 'pending', spam: 'spam', trash: 'trash' } as const;

/**
 * The rules and the insert run in one write transaction that first locks what the refusing rules look at
 * (issue 18 point 4: the same comment posted to two instances at once was stored twice; see decisionLocks).
 * So two instances submitting the same thing at once decide one after the other, the second seeing what the
 * first stored. Nothing in it awaits the network; settings are read before it.
 */
export async function submitComment(ctx: AppContext, post: Post, candidate: CommentCandidate, linkback?: LinkbackFields, rules: RuleOptions = {}): Promise<SubmitResult> {
  const settings = rules.settings ?? (await loadSettings(ctx.db));
  // Readers' HTML is sanitised here, once, for every door (form, XML-RPC), and its plain URLs made links
  // (WordPress's make_clickable, nofollow ugc): pages show it as stored.
  const content = candidate.kind === 'comment' ? linkPlainUrls(sanitizeCommentHtml(candidate.content)) : candidate.content;
  const result = await ctx.transaction(async (trx): Promise<SubmitResult> => {
    await lockFor(trx, ctx.dialect, decisionLocks(candidate));
    const decision = await decide({ db: trx, clock: ctx.clock }, candidate, post, { ...rules, settings });
    if (decision.action === 'refuse') return { ok: false, decision };
    const now = ctx.clock.now().toISOString();
    const comment = await insertComment(trx, {
      post_id: post.id,
      kind: candidate.kind,
      status: statusFor[decision.action],
      status_before_trash: null,
      author_name: candidate.authorName.slice(0, 250),
      author_email: candidate.authorEmail.slice(0, 254),
      author_url: candidate.authorUrl.slice(0, 2000),
      content,
      source_url: linkback?.sourceUrl ?? null,
      target_url: linkback?.targetUrl ?? null,
      title: linkback?.title ?? null,
      excerpt: linkback?.excerpt ?? null,
      ip: candidate.ip.slice(0, 64),
      user_agent: candidate.userAgent.slice(0, 254),
      created_at: now,
      updated_at: now,
      verification_state: linkback?.verificationState ?? 'unverified',
      verified_at: linkback?.verifiedAt ?? null,
      verification_note: null,
      moderation_reason: decision.reason,
      parent_id: candidate.parentId ?? null,
      thread_id: candidate.threadId ?? null,
      ...semanticColumns(linkback?.semantic),
    });
    await addCommentEvent(trx, comment.id, now, `rules:${decision.action}`, decision.reason);
    const notice = noticeFor(decision.action, settings);
    // The mail is a job written with the comment (never sent inside this request): it exists exactly when the comment does.
    if (notice) await enqueue(trx, ctx.clock, { type: COMMENT_NOTICE_JOB, payload: { commentId: comment.id, event: notice } satisfies CommentNoticePayload });
    return { ok: true, comment, decision };
  });
  if (result.ok && noticeFor(result.decision.action, settings)) ctx.wakeWorker();
  return result;
}

/**
 * Settings → Discussion, "Email me whenever": a comment held for moderation (moderation_notify) tells the
 * moderators; one approved at once (comments_notify) tells the post's author. Spam and trash tell nobody,
 * as in WordPress.
 */
function noticeFor(action: Decision['action'], settings: Settings): CommentNoticeEvent | null {
  if (action === 'hold' && settings.moderation_notify) return 'held';
  if (action === 'approve' && settings.comments_notify) return 'approved';
  return null;
}

/**
 * What the refusing rules read, as lock keys. The duplicate rule: a linkback's post and source (in the
 * parsed form, so "http://A.example" and "http://a.example/" meet), a reader's post, name and text; only
 * true duplicates wait for each other, so pings of one post from many sources are stored side by side. The
 * flood rule, which spans posts: a reader's address and email.
 */
function decisionLocks(c: CommentCandidate): LockKey[] {
  if (isLinkbackKind(c.kind)) return [[LOCK_SPACE.duplicate, `${c.postId} ${parsedForm(c.sourceUrl ?? '')}`]];
  const keys: LockKey[] = [[LOCK_SPACE.duplicate, `${c.postId} ${c.authorName}\n${c.content}`]];
  if (c.ip) keys.push([LOCK_SPACE.commentSender, `ip:${c.ip}`]);
  if (c.authorEmail.trim()) keys.push([LOCK_SPACE.commentSender, `email:${c.authorEmail.trim().toLowerCase()}`]);
  return keys;
}

function parsedForm(url: string): string {
  try {
    return new URL(url.trim()).href;
  } catch {
    return url;
  }
}
