// Webmention receiving (WM §3.2): the synchronous checks answer at once; an accepted request is a row and a
// linkbacks.verify_webmention job written in one transaction; the job fetches the source and creates,
// updates or (source gone / no longer linking, §3.2.4) trashes the stored mention.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Comment, WebmentionRequest } from '../../db/schema.js';
import { enqueue } from '../../jobs/queue.js';
import { RetryLater } from '../../jobs/errors.js';
import type { Job } from '../../db/schema.js';
import { hostOf } from '../../net/hosts.js';
import { admitLinkback } from './gate.js';
import { limitsFor, reservationAt } from './limits.js';
import { describeFailure, fetchAndVerify } from './fetch-source.js';
import { linkbackText, store } from './receive.js';
import { storedSemantics } from './mf2-fields.js';
import { queueAuthorWork } from './author-jobs.js';
import { findWebmentionRequest, finishWebmentionRequest, insertWebmentionRequest } from './repository.js';
import { findLinkback, markVerified, restoreToPending, trashLinkback } from '../../comments/linkback-repository.js';
import type { LinkbackRequest, Refusal } from './request.js';
import type { Verification } from './verify.js';

export const VERIFY_WEBMENTION_JOB = 'linkbacks.verify_webmention';

export type AcceptResult = { ok: true; token: string; siteUrl: string } | { ok: false; refusal: Refusal };

export async function acceptWebmention(ctx: AppContext, req: LinkbackRequest): Promise<AcceptResult> {
  const gate = await admitLinkback(ctx, req);
  if (!gate.ok) return gate;
  const c = gate.admitted;
  const token = randomBytes(18).toString('base64url');
  const now = ctx.clock.now().toISOString();
  await ctx.transaction(async (trx) => {
    const requestId = await insertWebmentionRequest(trx, { token, source: c.source, target: c.target, postId: c.post.id, commentId: c.existing?.id ?? null, ip: req.ip, userAgent: req.userAgent }, now);
    // host = the source's host, so the queue's per-host cap spaces out fetches to one site (§6 reflection).
    await enqueue(trx, ctx.clock, { type: VERIFY_WEBMENTION_JOB, payload: { requestId }, host: c.sourceHost, maxAttempts: 4 });
  });
  ctx.wakeWorker();
  return { ok: true, token, siteUrl: c.siteUrl };
}

/** The job: idempotent (a request verified or failed already is left alone). */
export async function processWebmention(ctx: AppContext, requestId: number, job: Pick<Job, 'attempts' | 'max_attempts'>): Promise<void> {
  const r = await findWebmentionRequest(ctx.db, { id: requestId });
  if (!r || r.state !== 'queued') return;
  const req: LinkbackRequest = { protocol: 'webmention', source: r.source, target: r.target, ip: r.ip, userAgent: r.user_agent };
  const outcome = await fetchAndVerify(ctx, r.source, r.target, { ip: r.ip, protocol: 'webmention' });
  const now = () => ctx.clock.now().toISOString();
  let existing = r.post_id === null ? undefined : await findLinkback(ctx.db, r.post_id, r.source);

  const transient = outcome.kind === 'unreachable' ? outcome.error === 'timeout' || outcome.error === 'network' : outcome.kind === 'http_error' && (outcome.status >= 500 || outcome.status === 429 || outcome.status === 408);
  if (transient && job.attempts < job.max_attempts) throw new RetryLater(`${describeFailure(outcome as Exclude<typeof outcome, { kind: 'ok' }>)}; will retry`);
  // Verification has spoken: the slot the door held is freed, and only a verified mention spends the budget.
  await limitsFor(ctx).settleSourceHost(reservationAt(hostOf(r.source) ?? '', r.ip, new Date(r.created_at)), outcome.kind === 'ok' && outcome.verification.linked);

  if (outcome.kind !== 'ok' || !outcome.verification.linked) {
    const reason = outcome.kind === 'ok' ? 'the source no longer links to the target' : describeFailure(outcome);
    const removes = outcome.kind === 'gone' || outcome.kind === 'ok';
    await ctx.transaction(async (trx) => {
      if (existing && removes) await trashLinkback(trx, existing, now(), reason, 'webmention:removed');
      await finishWebmentionRequest(trx, r.id, now(), 'failed', existing && removes ? `${reason}; the stored mention was removed` : reason.replace('no longer links', 'does not link'), existing?.id ?? null);
    });
    return;
  }
  if (!existing) {
    if ((await storeNew(ctx, r, req, outcome.verification)) !== 'duplicate') return;
    // A job for the same source on another worker stored it meanwhile: this one is a repeat, which updates
    // it (WM §3.2.3), as it would have had the two come one after the other (issue 18 point 4).
    existing = await findLinkback(ctx.db, r.post_id!, r.source, new URL(r.source).href);
    if (!existing) return;
  }
  await updateExisting(ctx, r, req, outcome.verification, existing);
}

/** A repeat from a source already stored: fresh title, excerpt and parsed mf2 (WM §3.2.3 update), verified now. */
async function updateExisting(ctx: AppContext, r: WebmentionRequest, req: LinkbackRequest, v: Verification, existing: Comment): Promise<void> {
  const fields = linkbackText(req, r.source, v);
  const now = () => ctx.clock.now().toISOString();
  await ctx.transaction(async (trx) => {
    await markVerified(trx, existing.id, now(), { ...fields, semantic: storedSemantics(v.semantic) }, 'webmention:updated', 'the source sent the mention again; title, excerpt and its mf2 (kind, author, content) refreshed');
    // Removed by us because the source was gone, and now it links again: back to moderation, not live.
    if (existing.status === 'trash' && existing.verification_state === 'gone') await restoreToPending(trx, existing.id, now());
    await finishWebmentionRequest(trx, r.id, now(), 'verified', 'an earlier mention from this source was updated', existing.id);
  });
  await queueAuthorWork(ctx, existing.id, v.semantic);
}

/** Stores a new mention and finishes the request, or leaves the request to the caller when it is a duplicate. */
async function storeNew(ctx: AppContext, r: WebmentionRequest, req: LinkbackRequest, v: Verification): Promise<'done' | 'duplicate'> {
  // store() passes the gate again: the post may have closed, or the host been blocked, since the request was
  // accepted; such a refusal is written on the request's status page with its reason.
  const result = await store(ctx, req, v);
  if (!result.ok && result.refusal.kind === 'duplicate') return 'duplicate';
  const now = ctx.clock.now().toISOString();
  await finishWebmentionRequest(ctx.db, r.id, now, result.ok ? 'verified' : 'failed', result.ok ? null : result.refusal.message, result.ok ? result.comment.id : null);
  return 'done';
}
