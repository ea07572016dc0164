// Comment queries shared by readers' comments, linkbacks and moderation.
import type { Executor } from '../db/database.js';
import type { Comment, NewComment } from '../db/schema.js';

export function insertComment(db: Executor, c: NewComment): Promise<Comment> {
  return db.insertInto('comments').values(c).returningAll().executeTakeFirstOrThrow();
}

export function findComment(db: Executor, id: number): Promise<Comment | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addCommentEvent(db: Executor, commentId: number, at: string, event: string, detail: string): Promise<void> {
  await db.insertInto('comment_events').values({ comment_id: commentId, at, event, detail }).execute();
}

/**
 * Approved comments and linkbacks of a post, in order; callers tell the kinds apart. No filter on kind: with
 * one, SQLite may walk comments_kind_status_date through every approved comment of that kind on the whole
 * blog instead of this post's few through comments_post_status_date (issue 11: 4–12 s per post page).
 */
export function listApprovedForPost(db: Executor, postId: number): Promise<Comment[]> {
  return db.selectFrom('comments').selectAll().where('post_id', '=', postId).where('status', '=', 'approved').orderBy('created_at').orderBy('id').execute();
}

