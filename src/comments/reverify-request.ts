// "Re-verify now" on a linkback: queues the inbound feature's linkbacks.reverify job (it fetches the source
// through the guarded client), or makes an already scheduled retry due now, and notes the request in the
// comment's history, in one transaction.
import type { AppContext } from '../context.js';
import { REVERIFY_JOB, reverifyKey } from '../jobs/job-types.js';
import { enqueue, runNow } from '../jobs/queue.js';
import { hostOf } from '../net/hosts.js';
import { isLinkbackKind } from './matching.js';
import { addCommentEvent, findComment } from './repository.js';

/** True when queued; false when there is no such linkback. */
export async function requestReverify(ctx: AppContext, commentId: number, actor: string): Promise<boolean> {
  const queued = await ctx.transaction(async (trx) => {
    const c = await findComment(trx, commentId);
    if (!c || !isLinkbackKind(c.kind) || !c.source_url) return false;
    const dedupeKey = reverifyKey(commentId);
    await enqueue(trx, ctx.clock, { type: REVERIFY_JOB, payload: { commentId }, host: hostOf(c.source_url), dedupeKey });
    // A retry already queued for later holds the dedupe key, so the enqueue above was a no-op: bring it forward.
    await runNow(trx, ctx.clock, { dedupeKey });
    await addCommentEvent(trx, commentId, ctx.clock.now().toISOString(), 'reverify:requested', `re-verification requested by ${actor}`);
    return true;
  });
  if (queued) ctx.wakeWorker();
  return queued;
}
