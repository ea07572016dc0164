// "Erase personal data" (issue 16 point 6, as WordPress's Tools → Erase Personal Data): a commenter's
// comments anonymised (WordPress's eraser) or, if the admin chooses, deleted. Batches of BATCH, each in its
// own write transaction, so a prolific commenter never holds SQLite's write lock for long; the counters and
// the site generation follow by the comments triggers (migrations 0005, 0006, 0019).
// Deleting a comment others replied to leaves their replies stored but no longer shown (as any purge does,
// migration 0018); the confirmation page says so. User accounts are not touched: an admin deletes those.
import type { AppContext } from '../context.js';
import { anonymiseCommentsBatch, countCommentsByEmail, deleteCommentsBatch } from '../comments/privacy-repository.js';

const BATCH = 200;
/** The confirmation page counts up to this many and says "more than" beyond. */
export const COUNT_CAP = 10_000;

export type EraseMode = 'anonymise' | 'delete';

export function countForErasure(ctx: AppContext, email: string): Promise<number> {
  return countCommentsByEmail(ctx.db, email, COUNT_CAP);
}

/** Anonymises or deletes every comment left with `email`; how many. */
export async function erasePersonalData(ctx: AppContext, email: string, mode: EraseMode): Promise<number> {
  let total = 0;
  for (;;) {
    const at = ctx.clock.now().toISOString();
    const n = await ctx.transaction((trx) => (mode === 'delete' ? deleteCommentsBatch(trx, email, BATCH) : anonymiseCommentsBatch(trx, email, BATCH, at)));
    total += n;
    if (n < BATCH) return total;
  }
}
