// Linkbacks as stored comments (pingbacks, trackbacks and webmentions are rows of comments, as in WordPress's
// wp_comments): found by post and source, listed for pingback.extensions.getPingbacks and the re-verification
// sweep, and updated after (re-)verification. The inbound linkback code calls these; comments/ owns the table.
import type { Executor } from '../db/database.js';
import type { Comment } from '../db/schema.js';
import { addCommentEvent } from './repository.js';
import { truncateText } from '../content/sanitize.js';
import { semanticColumns, type MentionSemantics } from './mention-semantics.js';

const KINDS = ['pingback', 'trackback', 'webmention'] as const;

/** The linkback on this post from this source (written as given, or in its parsed form), any status. */
export function findLinkback(db: Executor, postId: number, ...sources: string[]): Promise<Comment | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('post_id', '=', postId)
    .where('kind', 'in', [...KINDS])
    .where('source_url', 'in', [...new Set(sources)])
    .orderBy('id')
    .executeTakeFirst();
}

/** Source URLs of the approved linkbacks of a post (pingback.extensions.getPingbacks lists only these). */
export async function approvedSources(db: Executor, postId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('comments')
    .select('source_url')
    .where('post_id', '=', postId)
    .where('status', '=', 'approved')
    .where('kind', 'in', [...KINDS])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.source_url).filter((s): s is string => Boolean(s));
}

/**
 * A successful (re-)verification: fresh title and excerpt when given, verified now. `semantic` (when given,
 * null included) replaces the parsed mf2 fields: an edited reply shows its new text and author (WM §3.2.3).
 */
export async function markVerified(
  db: Executor,
  commentId: number,
  at: string,
  fields: { title?: string; excerpt?: string; authorName?: string; semantic?: MentionSemantics | null },
  event: string,
  detail: string,
): Promise<void> {
  const set: Record<string, string | null> = { verification_state: 'verified', verified_at: at, verification_note: null, updated_at: at };
  if (fields.semantic !== undefined) Object.assign(set, semanticColumns(fields.semantic));
  if (fields.title !== undefined) set.title = fields.title;
  if (fields.excerpt !== undefined) {
    set.excerpt = fields.excerpt;
    set.content = fields.excerpt;
  }
  if (fields.authorName !== undefined) set.author_name = truncateText(fields.authorName, 250);
  await db.updateTable('comments').set(set).where('id', '=', commentId).execute();
  await addCommentEvent(db, commentId, at, event, detail);
}

/** The source is gone or no longer links (WM §3.2.4): to the trash, with the reason kept. */
export async function trashLinkback(db: Executor, c: Comment, at: string, reason: string, event: string): Promise<void> {
  const keepBefore = c.status === 'trash' || c.status === 'spam';
  await db
    .updateTable('comments')
    .set({
      status: keepBefore ? c.status : 'trash',
      status_before_trash: keepBefore ? c.status_before_trash : c.status,
      verification_state: 'gone',
      verification_note: reason,
      updated_at: at,
    })
    .where('id', '=', c.id)
    .execute();
  await addCommentEvent(db, c.id, at, event, `${reason}; ${keepBefore ? `left in ${c.status}` : `${c.status} → trash`}`);
}

/** A mention we trashed as gone whose source links again: back to pending for a person to look at. */
export async function restoreToPending(db: Executor, commentId: number, at: string): Promise<void> {
  await db.updateTable('comments').set({ status: 'pending', status_before_trash: null, updated_at: at }).where('id', '=', commentId).execute();
  await addCommentEvent(db, commentId, at, 'webmention:restored', 'the source links again; trash → pending');
}

/** A check that could not decide (404, 5xx, timeout): kept, with a note that it will be tried again. */
export async function noteRetry(db: Executor, commentId: number, at: string, note: string, event: string): Promise<void> {
  await db.updateTable('comments').set({ verification_note: note, updated_at: at }).where('id', '=', commentId).execute();
  await addCommentEvent(db, commentId, at, event, note);
}

/**
 * Approved linkbacks last verified before `before` (or never), for the re-verification sweep. Linkbacks that
 * came in a WordPress import (verification_state 'imported', issue 17) are left alone: re-checking a
 * thousand old pings would be traffic the import promised not to make; an admin may re-verify one by hand.
 */
export function staleApprovedLinkbacks(db: Executor, before: string, limit: number): Promise<Pick<Comment, 'id' | 'source_url'>[]> {
  return db
    .selectFrom('comments')
    .select(['id', 'source_url'])
    .where('status', '=', 'approved')
    .where('kind', 'in', [...KINDS])
    .where('source_url', 'is not', null)
    .where('verification_state', '!=', 'imported')
    .where((eb) => eb.or([eb('verified_at', 'is', null), eb('verified_at', '<', before)]))
    .orderBy('verified_at')
    .limit(limit)
    .execute();
}

/**
 * The comment a linkback replies to, when its in-reply-to named one of this post's approved comments
 * (issue 19 point 2): one primary-key read. Held, spam or trashed comments, and other posts', are not threaded on.
 */
export function threadParent(db: Executor, postId: number, commentId: number): Promise<Pick<Comment, 'id' | 'thread_id'> | undefined> {
  return db.selectFrom('comments').select(['id', 'thread_id']).where('id', '=', commentId).where('post_id', '=', postId).where('status', '=', 'approved').executeTakeFirst();
}
