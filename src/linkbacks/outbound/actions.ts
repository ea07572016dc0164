// The delivery log's buttons: "retry now" (make the job due now, or queue a fresh one for a delivery that
// ended) and "skip" (cancel it). Authors act only on their own posts' deliveries.
import type { AppContext } from '../../context.js';
import type { Delivery, User } from '../../db/schema.js';
import { cancel, runNow } from '../../jobs/queue.js';
import { findPostById } from '../../posts/repository.js';
import { queueSend } from './scan.js';
import { findDelivery, updateDelivery } from './repository.js';
import { can } from '../../users/capabilities.js';
import { SKIP_TEXT } from './policy.js';

export type ActionResult = { ok: true; delivery: Delivery } | { ok: false; status: 403 | 404 | 409; message: string };

const RETRYABLE = ['queued', 'retrying', 'failed', 'no_endpoint', 'skipped'];
const SKIPPABLE = ['queued', 'retrying', 'failed', 'no_endpoint'];

async function owned(ctx: AppContext, user: User, id: number): Promise<ActionResult> {
  const d = await findDelivery(ctx.db, id);
  if (!d) return { ok: false, status: 404, message: 'No such delivery.' };
  const post = await findPostById(ctx.db, d.post_id);
  if (!post || !can(user, 'edit_post', post)) return { ok: false, status: 403, message: 'You may act only on deliveries of your own posts.' };
  return { ok: true, delivery: d };
}

export async function retryDeliveryNow(ctx: AppContext, user: User, id: number): Promise<ActionResult> {
  const found = await owned(ctx, user, id);
  if (!found.ok) return found;
  const result = await ctx.transaction(async (trx): Promise<ActionResult> => {
    const d = await findDelivery(trx, id);
    if (!d || !RETRYABLE.includes(d.state)) return { ok: false, status: 409, message: `This delivery is ${d?.state ?? 'gone'}; there is nothing to retry.` };
    // Pingback and TrackBack have no delete: there is nothing that could be sent (delete-notice.ts).
    if (d.kind === 'delete' && d.skip_reason === 'no_delete') return { ok: false, status: 409, message: SKIP_TEXT.no_delete };
    const now = ctx.clock.now().toISOString();
    const waiting = (d.state === 'queued' || d.state === 'retrying') && d.job_id !== null && (await runNow(trx, ctx.clock, d.job_id));
    if (waiting) await updateDelivery(trx, d.id, { state: 'queued', next_attempt_at: null, updated_at: now });
    else await queueSend({ ctx, trx, now }, d);
    return { ok: true, delivery: (await findDelivery(trx, id))! };
  });
  if (result.ok) ctx.wakeWorker();
  return result;
}

export async function skipDelivery(ctx: AppContext, user: User, id: number): Promise<ActionResult> {
  const found = await owned(ctx, user, id);
  if (!found.ok) return found;
  return ctx.transaction(async (trx): Promise<ActionResult> => {
    const d = await findDelivery(trx, id);
    if (!d || !SKIPPABLE.includes(d.state)) return { ok: false, status: 409, message: `This delivery is ${d?.state ?? 'gone'}; it cannot be skipped now.` };
    if (d.job_id !== null) await cancel(trx, ctx.clock, d.job_id);
    await updateDelivery(trx, d.id, { state: 'skipped', skip_reason: 'user', last_answer: 'Skipped by hand', next_attempt_at: null, updated_at: ctx.clock.now().toISOString() });
    return { ok: true, delivery: (await findDelivery(trx, id))! };
  });
}
