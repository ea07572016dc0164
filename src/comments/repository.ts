// Comment queries shared by readers' comments, linkbacks and moderation.
import { sql } from 'kysely';
import { commentCountsByStatus } from '../db/counters.js';
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

/** From the counter rows (migration 0005): every admin page shows it, so it must not count the table. */
export async function countPending(db: Executor): Promise<number> {
  return (await commentCountsByStatus(db, null)).get('pending') ?? 0;
}

export const COMMENT_FEED_SIZE = 30;

export type FeedComment = Comment & { post_title: string; post_slug: string; post_published_at: string | null; post_type: string; post_page_path: string | null };

/**
 * Newest approved comments on published posts that have no password. A left join with coalesce() where an inner join would do
 * (every comment has its post): with statistics, SQLite answers the inner join's posts.status test with a
 * Bloom filter built by reading every post (85 ms on 100,000 posts) before walking the 30 newest comments.
 */
export function approvedForFeed(db: Executor, postId?: number): Promise<FeedComment[]> {
  let q = db
    .selectFrom('comments')
    .leftJoin('posts', 'posts.id', 'comments.post_id')
    .selectAll('comments')
    .select([sql<string>`posts.title`.as('post_title'), sql<string>`posts.slug`.as('post_slug'), sql<string | null>`posts.published_at`.as('post_published_at'), sql<string>`posts.type`.as('post_type'), sql<string | null>`posts.page_path`.as('post_page_path')])
    .where('comments.status', '=', 'approved')
    .where((eb) => eb(eb.fn.coalesce('posts.status', eb.val('')), '=', 'published'))
    // A protected post's comments stay behind its password, in feeds too (issue 13).
    .where((eb) => eb(eb.fn.coalesce('posts.password', eb.val('')), '=', ''));
  if (postId) q = q.where('comments.post_id', '=', postId);
  return q.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(COMMENT_FEED_SIZE).execute();
}
