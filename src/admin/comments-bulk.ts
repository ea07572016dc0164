// Bulk actions from the moderation panel's checkboxes (and undo, which is a bulk restore / not-spam of the
// ids just moved). Emptying spam and trash is comments/purge.ts.
import type { AppContext } from '../context.js';
import type { CommentStatus } from '../db/schema.js';
import { moderateComment, type ModerationAction } from '../comments/moderation.js';
import { schedulePurge } from '../comments/purge.js';
import { statusesOf } from '../comments/moderation-repository.js';

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

/** Applies the action to each id it fits; returns the ids actually changed. */
export async function moderateMany(ctx: AppContext, ids: number[], action: ModerationAction, actor: string): Promise<number[]> {
  const unique = [...new Set(ids)].slice(0, MAX_BULK);
  if (unique.length === 0) return [];
  const rows = await statusesOf(ctx.db, unique);
  const changed: number[] = [];
  for (const row of rows) {
    if (!appliesTo[action](row.status)) continue;
    const result = await moderateComment(ctx, row.id, action, actor);
    if (result !== undefined) changed.push(row.id);
  }
  if (changed.length && (action === 'spam' || action === 'trash')) await schedulePurge(ctx.db, ctx);
  return changed;
}
