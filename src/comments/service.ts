// Creates a comment of any kind: runs the moderation rules, stores the result with its reason and a first
// history event. Readers' comments and all three linkback protocols come through here.
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import { sanitizeCommentHtml } from '../content/sanitize.js';
import { addCommentEvent, insertComment } from './repository.js';
import { decide, type CommentCandidate, type Decision, type RuleOptions } from './rules.js';

export interface LinkbackFields {
  sourceUrl: string;
  targetUrl: string;
  title: string;
  excerpt: string;
  verifiedAt: string | null;
  verificationState: 'unverified' | 'verified';
}

export type SubmitResult = { ok: true; comment: Comment; decision: Decision } | { ok: false; decision: Extract<Decision, { action: 'refuse' }> };

const statusFor = { approve: 'approved', hold: 'pending', spam: 'spam', trash: 'trash' } as const;

export async function submitComment(ctx: AppContext, post: Post, candidate: CommentCandidate, linkback?: LinkbackFields, rules: RuleOptions = {}): Promise<SubmitResult> {
  const decision = await decide(ctx, candidate, post, rules);
  if (decision.action === 'refuse') return { ok: false, decision };
  const now = ctx.clock.now().toISOString();
  const comment = await ctx.transaction(async (trx) => {
    const c = await insertComment(trx, {
      post_id: post.id,
      kind: candidate.kind,
      status: statusFor[decision.action],
      status_before_trash: null,
      author_name: candidate.authorName.slice(0, 250),
      author_email: candidate.authorEmail.slice(0, 254),
      author_url: candidate.authorUrl.slice(0, 2000),
      // Readers' HTML is sanitised here, once, for every door (form, XML-RPC): pages show it as stored.
      content: candidate.kind === 'comment' ? sanitizeCommentHtml(candidate.content) : candidate.content,
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
    });
    await addCommentEvent(trx, c.id, now, `rules:${decision.action}`, decision.reason);
    return c;
  });
  return { ok: true, comment, decision };
}
