// Deletes, outbound (issue 19 point 3, WM §3.1.5): a post moved to the trash answers 410 with a tombstone,
// and every target that was told of it by Webmention is sent the Webmention again, so its receiver fetches
// the source, finds it gone and removes the mention. One `delete` delivery per such target, beside the
// link's own row, so the log keeps both what was sent and that it was withdrawn. Published again later,
// the post re-sends the Webmentions those targets had withdrawn (resendAfterRestore, run by the scan).
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { Delivery, Post } from '../../db/schema.js';
import { findPostById } from '../../posts/repository.js';
import { SKIP_TEXT } from './policy.js';
import { deliveriesOfPost, insertDelivery, updateDelivery } from './repository.js';
import { queueSend } from './scan.js';

/** What a target was told before the trash: a Webmention can be withdrawn; Pingback and TrackBack cannot. */
type Told = 'webmention' | 'other' | 'nothing';

/**
 * Only a target that accepted a notice from the post while its link is still there hears of the delete: a
 * link never notified (skipped, failed, no endpoint, imported from WordPress) has nothing to withdraw, and a
 * removed link was already withdrawn when the Webmention for its removal went (plan.ts).
 */
function told(d: Delivery): Told {
  if ((d.kind !== 'link' && d.kind !== 'trackback') || d.state !== 'sent' || d.present !== 1) return 'nothing';
  return d.protocol === 'webmention' ? 'webmention' : 'other';
}

/** The DELETE_NOTICE_JOB: runs once the delay after the trash has passed; does nothing if the post is back. */
export async function sendDeleteNotices(ctx: AppContext, postId: number): Promise<void> {
  const post = await findPostById(ctx.db, postId);
  // Only a post that was public can have told anyone; one restored within the delay tells no one.
  if (!post || post.status !== 'trash' || post.status_before_trash !== 'published') return;
  const queued = await ctx.transaction(async (trx) => {
    const now = ctx.clock.now().toISOString();
    const rows = await deliveriesOfPost(trx, post.id);
    const notices = new Map(rows.filter((d) => d.kind === 'delete').map((d) => [d.target_url, d]));
    let any = false;
    for (const d of rows) {
      const how = told(d);
      if (how === 'nothing') continue;
      const notice = notices.get(d.target_url);
      if (how === 'other') {
        if (!notice) await insertDelivery(trx, { post_id: post.id, kind: 'delete', target_url: d.target_url, state: 'skipped', skip_reason: 'no_delete', protocol: d.protocol, last_answer: SKIP_TEXT.no_delete, now });
        continue;
      }
      if (!needsNotice(notice)) continue;
      const row = notice ?? (await insertDelivery(trx, { post_id: post.id, kind: 'delete', target_url: d.target_url, state: 'queued', protocol: 'webmention', now }));
      if (!row) continue;
      if (notice) await updateDelivery(trx, notice.id, { present: 1, attempts: 0, interrupted_sends: 0, last_answer: null, updated_at: now });
      await queueSend({ ctx, trx, now }, row);
      notices.set(d.target_url, row);
      any = true;
    }
    return any;
  });
  if (queued) ctx.wakeWorker();
}

/**
 * Trashing twice sends once: a notice standing since the last trash (present) is not sent again, unless it
 * was skipped because the post came back before it went. One from an earlier trash, since answered by a
 * re-publish (present = 0), goes again.
 */
function needsNotice(notice: Delivery | undefined): boolean {
  if (!notice) return true;
  if (notice.present === 0) return true;
  return notice.state === 'skipped' && notice.skip_reason === 'restored';
}

/**
 * Run by the scan, in its transaction, when the post is published again: each target whose delete notice may
 * have reached it (anything but skipped) is sent the Webmention again, so its receiver fetches the post back
 * and restores the mention (WM §3.1.4, an update). Every standing notice is then marked answered.
 */
export async function resendAfterRestore(s: { ctx: AppContext; trx: Executor; post: Post; now: string }): Promise<void> {
  const rows = await deliveriesOfPost(s.trx, s.post.id);
  const standing = rows.filter((d) => d.kind === 'delete' && d.present === 1);
  if (standing.length === 0) return;
  const links = new Map(rows.filter((d) => d.kind === 'link' && d.present === 1 && d.state === 'sent' && d.protocol === 'webmention').map((d) => [d.target_url, d]));
  for (const notice of standing) {
    await updateDelivery(s.trx, notice.id, { present: 0, updated_at: s.now });
    const link = links.get(notice.target_url);
    if (link && notice.state !== 'skipped') await queueSend(s, link);
  }
}
