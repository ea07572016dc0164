// The inbound pipeline: the gate → verification → the gate again (in case something changed meanwhile) → a
// comment of kind pingback / trackback / webmention through submitComment, pending unless the moderation rules
// approve. Pingback and TrackBack run it synchronously (the protocols want a verdict in the reply); Webmention
// runs the second half in a job (webmention.ts).
import type { AppContext } from '../../context.js';
import type { Comment } from '../../db/schema.js';
import { submitComment } from '../../comments/service.js';
import { hostOf } from '../../net/hosts.js';
import type { Settings } from '../../settings/definitions.js';
import { admitLinkback, refusalForRule, type Admitted } from './gate.js';
import { fetchAndVerify } from './fetch-source.js';
import { limitsFor } from './limits.js';
import { refusal, type LinkbackRequest, type Refusal } from './request.js';
import { truncateText } from './text.js';
import { repliedCommentId, storedSemantics } from './mf2-fields.js';
import { threadParent } from '../../comments/linkback-repository.js';
import type { Verification } from './verify.js';
import { queueAuthorWork } from './author-jobs.js';

export type ReceiveResult = { ok: true; comment: Comment } | { ok: false; refusal: Refusal };

export const EXCERPT_MAX = 255;
export const TITLE_MAX = 250;
export const BLOG_NAME_MAX = 250;

/** `settings`: when the door has read them already, so a ping reads them once. */
export async function receiveNow(ctx: AppContext, req: LinkbackRequest, opts: { verify: boolean; settings?: Settings } = { verify: true }): Promise<ReceiveResult> {
  const gate = await admitLinkback(ctx, req, { at: 'door', settings: opts.settings });
  if (!gate.ok) return gate;
  const c = gate.admitted;
  let result: ReceiveResult | undefined;
  try {
    result = opts.verify ? await verifyAndStore(ctx, req, c) : await store(ctx, req, null, c.settings);
    return result;
  } finally {
    // Only what was verified and stored spends the source host's budget (an unverified TrackBack, stored
    // because verification is off, counts too).
    if (c.reservation) await limitsFor(ctx).settleSourceHost(c.reservation, result?.ok === true);
  }
}

async function verifyAndStore(ctx: AppContext, req: LinkbackRequest, c: Admitted): Promise<ReceiveResult> {
  const limits = limitsFor(ctx);
  // A second ping for a pair being verified, on this instance or another, is a duplicate (shared lease).
  const verifying = await limits.beginVerifying(c.post.id, c.source);
  if (!verifying) return { ok: false, refusal: refusal('duplicate', 'A linkback from this source is already being registered for this post.') };
  const slot = await limits.acquireFetch();
  if (!slot) {
    await limits.endVerifying(verifying);
    return { ok: false, refusal: refusal('busy', 'The server is busy verifying other linkbacks; try again later.') };
  }
  try {
    const outcome = await fetchAndVerify(ctx, c.source, c.target, { ip: req.ip, protocol: req.protocol });
    if (outcome.kind !== 'ok') return { ok: false, refusal: refusal('fetch_failed', 'The source URL could not be fetched.') };
    if (!outcome.verification.linked) return { ok: false, refusal: refusal('no_link', 'The source does not link to the target.') };
    return await store(ctx, req, outcome.verification, c.settings);
  } finally {
    // Side by side: on PostgreSQL two round trips at once rather than one after the other.
    await Promise.all([limits.releaseFetch(slot), limits.endVerifying(verifying)]);
  }
}

/**
 * Passes the gate once more (the post may have closed, or the host been blocked, while the source was
 * fetched; the budget spent at the door is not spent again), then builds the comment from what the sender said
 * and what verification found and submits it past the rules that hold or approve.
 */
export async function store(ctx: AppContext, req: LinkbackRequest, v: Verification | null, settings?: Settings): Promise<ReceiveResult> {
  const gate = await admitLinkback(ctx, req, { at: 'store', settings });
  if (!gate.ok) return gate;
  const c = gate.admitted;
  const fields = linkbackText(req, c.source, v);
  const parent = await replyParent(ctx, c.post.id, c.target, v);
  const result = await submitComment(
    ctx,
    c.post,
    {
      postId: c.post.id,
      kind: req.protocol,
      authorName: fields.authorName,
      authorEmail: '',
      authorUrl: c.source,
      content: fields.excerpt,
      sourceUrl: c.source,
      ip: req.ip,
      userAgent: req.userAgent,
      verified: v !== null,
      parentId: parent?.id ?? null,
      threadId: parent ? (parent.thread_id ?? parent.id) : null,
    },
    {
      sourceUrl: c.source,
      targetUrl: c.target,
      title: fields.title,
      excerpt: fields.excerpt,
      verifiedAt: v ? ctx.clock.now().toISOString() : null,
      verificationState: v ? 'verified' : 'unverified',
      semantic: storedSemantics(v?.semantic),
    },
    { settings: c.settings, admitted: true },
  );
  // The gate admitted it, so the rules only hold, approve or trash; a refusal here would be a bug, and still
  // gets its typed answer.
  if (!result.ok) return { ok: false, refusal: refusalForRule(result.decision.rule) };
  // Its author's page and photo are fetched in jobs (author-jobs.ts), never while the sender waits.
  await queueAuthorWork(ctx, result.comment.id, v?.semantic);
  return { ok: true, comment: result.comment };
}

/**
 * Title, excerpt and author name as plain text within their limits. TrackBack's own fields come first; then
 * the author the source's mf2 names (issue 19), then the page's title, as before.
 */
export function linkbackText(req: LinkbackRequest, source: string, v: Verification | null): { title: string; excerpt: string; authorName: string } {
  const host = hostOf(source) ?? source;
  const title = truncateText(req.title || v?.title || source, TITLE_MAX);
  const excerpt = truncateText(req.excerpt || v?.excerpt || '', EXCERPT_MAX);
  const author = v?.semantic?.author?.name;
  const authorName = req.protocol === 'trackback' ? truncateText(req.blogName || author || v?.title || host, BLOG_NAME_MAX) : truncateText(author || title, BLOG_NAME_MAX);
  return { title, excerpt, authorName };
}

/** A reply to one of this post's approved comments threads under it (issue 19 point 2). */
async function replyParent(ctx: AppContext, postId: number, target: string, v: Verification | null) {
  const id = v?.semantic?.type === 'reply' ? repliedCommentId(v.semantic.inReplyTo, target) : null;
  return id === null ? undefined : threadParent(ctx.db, postId, id);
}
