// Comment jobs: the daily purge of spam and trash older than 30 days (WordPress's wp_scheduled_delete with
// EMPTY_TRASH_DAYS = 30). Scheduled when something is moved to spam or trash, and again while any is left,
// so an idle site runs no job at all. Re-verification of linkbacks belongs to the inbound feature.
import type { AppContext } from '../context.js';
import { PURGE_AFTER_DAYS, PURGE_JOB, purgeOld, schedulePurge } from './purge.js';
import { anyInSpamOrTrash } from './moderation-repository.js';

export function registerCommentJobs(ctx: AppContext): void {
  ctx.handlers.set(PURGE_JOB, async () => {
    await purgeOld(ctx, PURGE_AFTER_DAYS);
    if (await anyInSpamOrTrash(ctx.db)) await schedulePurge(ctx.db, ctx);
  });
}
