// Post reads for metaWeblog.getRecentPosts and wp.getPosts: newest by the post's date (drafts by creation), as
// WordPress orders by post_date; authors see only their own.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Post, PostStatus } from '../db/schema.js';

export interface RecentQuery {
  limit: number;
  offset?: number;
  authorId?: number;
  /** Only this status; by default everything but the trash. */
  status?: PostStatus;
}

export function recentPosts(db: Executor, q: RecentQuery): Promise<Post[]> {
  let query = db.selectFrom('posts').selectAll();
  query = q.status ? query.where('status', '=', q.status) : query.where('status', '!=', 'trash');
  if (q.authorId !== undefined) query = query.where('author_id', '=', q.authorId);
  return query
    .orderBy(sql`coalesce(published_at, created_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
}
