// Comments by one commenter's e-mail address, for the privacy exporter and eraser, and the IP retention
// job's batches (issue 16 point 6). Every read walks an index of migration 0023: comments_email_lower for an
// address (case-insensitive, as WordPress's comparison is), comments_ip_kept for addresses still kept; each
// statement has a LIMIT, and callers page by id.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Comment } from '../db/schema.js';
import { deleteCommentsWithHistory } from './moderation-repository.js';

/** The key the index holds: the address trimmed and lower-cased. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/** The next page of the commenter's comments after comment `afterId`, in id order. */
export function commentsByEmail(db: Executor, email: string, afterId: number, limit: number): Promise<Comment[]> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['author_email']), '=', emailKey(email)))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many comments the address has, counting at most `cap` (the confirmation page says "more than"). */
export async function countCommentsByEmail(db: Executor, email: string, cap: number): Promise<number> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['author_email']), '=', emailKey(email)))
    .orderBy('id')
    .limit(cap + 1)
    .execute();
  return rows.length;
}

async function idsByEmail(db: Executor, email: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['author_email']), '=', emailKey(email)))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * WordPress's comments eraser (wp_comments_personal_data_eraser): the author becomes "Anonymous", e-mail,
 * website and user agent are emptied, the content stays. The IP is emptied too (WordPress masks its last
 * part; we keep none of it). The rows leave the e-mail index, so the next batch starts at the next ones.
 */
export async function anonymiseCommentsBatch(db: Executor, email: string, limit: number, at: string): Promise<number> {
  const ids = await idsByEmail(db, email, limit);
  if (ids.length === 0) return 0;
  await db.updateTable('comments').set({ author_name: 'Anonymous', author_email: '', author_url: '', ip: '', user_agent: '', updated_at: at }).where('id', 'in', ids).execute();
  return ids.length;
}

/** Deletes the next batch of the commenter's comments with their history; counters follow by trigger. */
export async function deleteCommentsBatch(db: Executor, email: string, limit: number): Promise<number> {
  const ids = await idsByEmail(db, email, limit);
  if (ids.length) await deleteCommentsWithHistory(db, ids);
  return ids.length;
}

/** Empties the IP of the oldest comments made before `before` that still have one; how many were emptied. */
export async function blankIpsBefore(db: Executor, before: string, limit: number): Promise<number> {
  const rows = await db.selectFrom('comments').select('id').where('ip', '<>', sql.lit('')).where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
  if (rows.length === 0) return 0;
  await db.updateTable('comments').set({ ip: '' }).where('id', 'in', rows.map((r) => r.id)).execute();
  return rows.length;
}
