// Commenters' IP addresses kept only as long as the comment_ip_retention_days setting says (issue 16 point 6;
// 0, the default, keeps them for ever as WordPress does). A job on the durable queue, queued as a start-up
// task (one at most: dedupe key), blanks the addresses of comments older than that, BATCH at a time through
// the partial index comments_ip_kept (migration 0023), so no run grows with the blog. A full batch queues the
// next one at once; otherwise the job comes back a day later. Linkbacks' rows are included: their address
// is the sending server's, kept for the same moderation reasons and no longer needed after the same time.
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { enqueue } from '../jobs/queue.js';
import { getSetting } from '../settings/repository.js';
import { blankIpsBefore } from './privacy-repository.js';

export const IP_RETENTION_JOB = 'comments.ip_retention';
export const IP_RETENTION_BATCH = 500;
const DAY = 86_400_000;

/** One run: blanks at most `batch` addresses and queues the next run (now when there may be more). */
export async function runIpRetention(ctx: AppContext, batch = IP_RETENTION_BATCH): Promise<number> {
  const days = await getSetting(ctx.db, 'comment_ip_retention_days');
  const now = ctx.clock.now();
  const blanked = await ctx.transaction(async (trx) => {
    const n = days > 0 ? await blankIpsBefore(trx, new Date(now.getTime() - days * DAY).toISOString(), batch) : 0;
    await scheduleIpRetention(trx, ctx, n === batch ? now : new Date(now.getTime() + DAY));
    return n;
  });
  if (blanked === batch) ctx.wakeWorker();
  return blanked;
}

export async function scheduleIpRetention(db: Executor, ctx: AppContext, runAt: Date): Promise<void> {
  await enqueue(db, ctx.clock, { type: IP_RETENTION_JOB, payload: {}, runAt, dedupeKey: IP_RETENTION_JOB });
}

export function registerIpRetention(ctx: AppContext): void {
  ctx.handlers.set(IP_RETENTION_JOB, async () => {
    const blanked = await runIpRetention(ctx);
    if (blanked) ctx.log.info({ job: IP_RETENTION_JOB, blanked }, 'blanked commenters’ IP addresses past the retention period');
  });
  ctx.startupTasks.push(() => scheduleIpRetention(ctx.db, ctx, ctx.clock.now()));
}
