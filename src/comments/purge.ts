// Emptying spam and trash: "Empty spam" / "Empty trash" in the panel and the daily purge of what has sat
// there 30 days (WordPress's wp_scheduled_delete with EMPTY_TRASH_DAYS = 30).
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { enqueue } from '../jobs/queue.js';
import { deleteCommentsWithHistory, idsInStatus } from './moderation-repository.js';

export const PURGE_JOB = 'comments.purge';
export const PURGE_AFTER_DAYS = 30;

/** The purge runs a day after something was spammed or trashed (one queued job at most: dedupe key). */
export async function schedulePurge(db: Executor, ctx: AppContext): Promise<void> {
  await enqueue(db, ctx.clock, { type: PURGE_JOB, payload: {}, runAt: new Date(ctx.clock.now().getTime() + 86_400_000), dedupeKey: PURGE_JOB });
}

/** WordPress empties only what the admin saw: comments already in the view when the page was made. */
export async function emptyStatus(ctx: AppContext, status: 'spam' | 'trash', seenAt?: string): Promise<number> {
  return ctx.transaction(async (trx) => {
    const ids = await idsInStatus(trx, status, seenAt);
    for (let i = 0; i < ids.length; i += 500) await deleteCommentsWithHistory(trx, ids.slice(i, i + 500));
    return ids.length;
  });
}

/** Spam and trash older than `days` (WordPress's EMPTY_TRASH_DAYS, 30) go for good. */
export async function purgeOld(ctx: AppContext, days = PURGE_AFTER_DAYS): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - days * 86_400_000).toISOString();
  return (await emptyStatus(ctx, 'trash', cutoff)) + (await emptyStatus(ctx, 'spam', cutoff));
}
