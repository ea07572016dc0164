// Re-verification of stored linkbacks (issue 6 point 6; WM §4.1 "MAY re-verify periodically", §3.2.4):
// 410 or no longer linking → trash with the reason; 404, 5xx, timeouts → kept, noted, tried again a day
// later (the spec leaves those open; we choose patience); still linking → verified_at renewed.
import type { AppContext } from '../../context.js';
import { REVERIFY_JOB, reverifyKey } from '../../jobs/job-types.js';
import { enqueue } from '../../jobs/queue.js';
import { findComment } from '../../comments/repository.js';
import { isLinkbackKind } from '../../comments/matching.js';
import { getSetting } from '../../settings/repository.js';
import { describeFailure, fetchAndVerify } from './fetch-source.js';
import { storedSemantics } from './mf2-fields.js';
import { queueAuthorWork } from './author-jobs.js';
import { deleteSettledWebmentionRequests } from './repository.js';
import { markVerified, noteRetry, staleApprovedLinkbacks, trashLinkback } from '../../comments/linkback-repository.js';
import { hostOf } from '../../net/hosts.js';
import { formatZoned } from '../../content/zoned-time.js';

export const REVERIFY_SWEEP_JOB = 'linkbacks.reverify_sweep';
const DAY = 86_400_000;
const RETRY_AFTER_MS = DAY;
const SWEEP_BATCH = 500;

export async function reverifyLinkback(ctx: AppContext, commentId: number): Promise<void> {
  const c = await findComment(ctx.db, commentId);
  if (!c || !isLinkbackKind(c.kind) || !c.source_url) return;
  const target = c.target_url ?? c.source_url;
  const outcome = await fetchAndVerify(ctx, c.source_url, target, null);
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (outcome.kind === 'gone' || (outcome.kind === 'ok' && !outcome.verification.linked)) {
    const reason = outcome.kind === 'gone' ? 'the source answered 410 Gone' : 'the source no longer links to the target';
    await ctx.transaction((trx) => trashLinkback(trx, c, at, reason, 'reverify:removed'));
    return;
  }
  if (outcome.kind === 'ok') {
    // The parsed mf2 follows the source (an edited reply shows its new text); title and excerpt stay as sent.
    const semantic = storedSemantics(outcome.verification.semantic);
    await ctx.transaction((trx) => markVerified(trx, c.id, at, { semantic }, 'reverify:ok', 'the source still links to the target'));
    await queueAuthorWork(ctx, c.id, outcome.verification.semantic);
    return;
  }
  const next = new Date(now.getTime() + RETRY_AFTER_MS);
  // The note is read on the comment's admin page: in the site's timezone, named (issue 15), as it is kept as written.
  const zone = await getSetting(ctx.db, 'timezone');
  const note = `${describeFailure(outcome)} on ${formatZoned(at, zone, 'date')}; will retry after ${formatZoned(next.toISOString(), zone)} (${zone} time)`;
  await ctx.transaction(async (trx) => {
    await noteRetry(trx, c.id, at, note, 'reverify:retry');
    await enqueue(trx, ctx.clock, { type: REVERIFY_JOB, payload: { commentId: c.id }, runAt: next, host: hostOf(c.source_url), dedupeKey: reverifyKey(c.id) });
  });
}

/** Queues a check for every approved linkback not verified within reverify_interval_days, then itself again. */
export async function reverifySweep(ctx: AppContext): Promise<number> {
  const days = await getSetting(ctx.db, 'reverify_interval_days');
  const now = ctx.clock.now();
  let queued = 0;
  await ctx.transaction(async (trx) => {
    if (days > 0) {
      const stale = await staleApprovedLinkbacks(trx, new Date(now.getTime() - days * DAY).toISOString(), SWEEP_BATCH);
      for (const c of stale) {
        await enqueue(trx, ctx.clock, { type: REVERIFY_JOB, payload: { commentId: c.id }, host: hostOf(c.source_url), dedupeKey: reverifyKey(c.id) });
      }
      queued = stale.length;
    }
    // Status pages of settled Webmention requests are kept for 90 days, so the table cannot grow forever.
    await deleteSettledWebmentionRequests(trx, new Date(now.getTime() - 90 * DAY).toISOString());
    await scheduleSweep(trx, ctx, new Date(now.getTime() + DAY));
  });
  if (queued) ctx.wakeWorker();
  return queued;
}

export async function scheduleSweep(db: Parameters<typeof enqueue>[0], ctx: AppContext, runAt: Date): Promise<void> {
  await enqueue(db, ctx.clock, { type: REVERIFY_SWEEP_JOB, payload: {}, runAt, dedupeKey: 'reverify-sweep' });
}
