// The daily maintenance sweep (issue 10 point 5): deletes expired sessions and login failures too old for
// any throttle decision, so neither table grows forever. It runs on the durable job queue like the
// re-verification sweep: queued as a start-up task before the server answers (one queued sweep at most:
// dedupe key), then each run queues the next a day later. It also deletes the shared rate-limit windows and
// lapsed leases (linkbacks/inbound/limits.ts); settled Webmention status rows and finished jobs have their own purges.
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { deleteExpiredSessions } from '../http/session-store.js';
import { enqueue } from '../jobs/queue.js';
import { deleteOldLoginFailures } from '../users/login-throttle.js';
import { deleteOldLimitRecords } from '../linkbacks/inbound/limits.js';

export const MAINTENANCE_JOB = 'maintenance.sweep';
const DAY = 86_400_000;

export interface SweepResult {
  sessions: number;
  loginFailures: number;
  limitRecords: number;
}

export async function maintenanceSweep(ctx: AppContext): Promise<SweepResult> {
  const now = ctx.clock.now();
  return ctx.transaction(async (trx) => {
    const result = { sessions: await deleteExpiredSessions(trx, now), loginFailures: await deleteOldLoginFailures(trx, ctx.clock), limitRecords: await deleteOldLimitRecords(trx, now) };
    await scheduleMaintenance(trx, ctx, new Date(now.getTime() + DAY));
    return result;
  });
}

export async function scheduleMaintenance(db: Executor, ctx: AppContext, runAt: Date): Promise<void> {
  await enqueue(db, ctx.clock, { type: MAINTENANCE_JOB, payload: {}, runAt, dedupeKey: MAINTENANCE_JOB });
}

export function registerMaintenance(ctx: AppContext): void {
  ctx.handlers.set(MAINTENANCE_JOB, async () => {
    const result = await maintenanceSweep(ctx);
    ctx.log.info({ job: MAINTENANCE_JOB, deleted: result }, 'maintenance sweep done');
  });
  ctx.startupTasks.push(() => scheduleMaintenance(ctx.db, ctx, ctx.clock.now()));
}
