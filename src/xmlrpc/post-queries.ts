// Post reads for metaWeblog.getRecentPosts: newest by the post's date (drafts by creation), as WordPress
// orders by post_date; authors see only their own.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Post } from '../db/schema.js';

export function recentPosts(db: Executor, limit: number, authorId?: number): Promise<Post[]> {
  let q = db.selectFrom('posts').selectAll().where('status', '!=', 'trash');
  if (authorId !== undefined) q = q.where('author_id', '=', authorId);
  return q
    .orderBy(sql`coalesce(published_at, created_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
