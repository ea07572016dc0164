// Moderation over many comments at once: bulk actions from the panel's checkboxes (and undo, which is a
// bulk restore / not-spam of the ids just moved), and "Empty spam" / "Empty trash".
import type { AppContext } from '../context.js';
import type { CommentStatus } from '../db/schema.js';
import type { Executor } from '../db/database.js';
import { enqueue } from '../jobs/queue.js';
import { moderateComment, type ModerationAction } from './moderation.js';

/** Which statuses an action makes sense from; others are skipped so "restore" never unapproves an approved comment. */
const appliesTo: Record<ModerationAction, (s: CommentStatus) => boolean> = {
  approve: (s) => s !== 'approved',
  unapprove: (s) => s === 'approved',
  spam: (s) => s !== 'spam',
  unspam: (s) => s === 'spam',
  trash: (s) => s !== 'trash',
  restore: (s) => s === 'trash',
  delete: () => true,
};

export const MAX_BULK = 500;
export const PURGE_JOB = 'comments.purge';
export const PURGE_AFTER_DAYS = 30;

/** The purge runs a day after something was spammed or trashed (one queued job at most: dedupe key). */
export async function schedulePurge(db: Executor, ctx: AppContext): Promise<void> {
  await enqueue(db, ctx.clock, { type: PURGE_JOB, payload: {}, runAt: new Date(ctx.clock.now().getTime() + 86_400_000), dedupeKey: PURGE_JOB });
}

/** Applies the action to each id it fits; returns the ids actually changed. */
export async function moderateMany(ctx: AppContext, ids: number[], action: ModerationAction, actor: string): Promise<number[]> {
  const unique = [...new Set(ids)].slice(0, MAX_BULK);
  if (unique.length === 0) return [];
  const rows = await ctx.db.selectFrom('comments').select(['id', 'status']).where('id', 'in', unique).execute();
  const changed: number[] = [];
  for (const row of rows) {
    if (!appliesTo[action](row.status)) continue;
    const result = await moderateComment(ctx, row.id, action, actor);
    if (result !== undefined) changed.push(row.id);
  }
  if (changed.length && (action === 'spam' || action === 'trash')) await schedulePurge(ctx.db, ctx);
  return changed;
}

/** WordPress empties only what the admin saw: comments already in the view when the page was made. */
export async function emptyStatus(ctx: AppContext, status: 'spam' | 'trash', seenAt?: string): Promise<number> {
  return ctx.transaction(async (trx) => {
    let q = trx.selectFrom('comments').select('id').where('status', '=', status);
    if (seenAt) q = q.where('updated_at', '<=', seenAt);
    const ids = (await q.execute()).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await trx.deleteFrom('comment_events').where('comment_id', 'in', chunk).execute();
      await trx.deleteFrom('comments').where('id', 'in', chunk).execute();
    }
    return ids.length;
  });
}

/** Spam and trash older than `days` (WordPress's EMPTY_TRASH_DAYS, 30) go for good. */
export async function purgeOld(ctx: AppContext, days = PURGE_AFTER_DAYS): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - days * 86_400_000).toISOString();
  return (await emptyStatus(ctx, 'trash', cutoff)) + (await emptyStatus(ctx, 'spam', cutoff));
}
