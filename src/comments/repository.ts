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

/** Approved comments of a post in order, readers' and linkbacks apart by `kinds`. */
export function listApprovedForPost(db: Executor, postId: number, kinds: Comment['kind'][]): Promise<Comment[]> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('post_id', '=', postId)
    .where('status', '=', 'approved')
    .where('kind', 'in', kinds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

