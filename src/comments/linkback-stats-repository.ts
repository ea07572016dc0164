// Linkbacks received, for the dashboard: the newest ones and when each of the last days' arrived. Authors
// see only their own posts'.
import type { Executor } from '../db/database.js';
import { newestFirst } from '../db/bounded.js';
import { LINKBACK_KINDS } from './matching.js';

/** Newest linkbacks: one index walk per (kind, status) on comments_kind_status_date, merged (db/bounded.ts). */
export function latestLinkbacks(db: Executor, authorId?: number, limit = 5) {
  const statuses = authorId !== undefined ? (['approved'] as const) : (['pending', 'approved'] as const);
  const branches = LINKBACK_KINDS.flatMap((kind) =>
    statuses.map((status) => {
      let q = db
        .selectFrom('comments')
        // Left join, so comments stay the outer loop (db/bounded.ts ORDER_KEEPING_JOIN); every comment has its post.
        .leftJoin('posts', 'posts.id', 'comments.post_id')
        .select(['comments.id', 'comments.kind', 'comments.status', 'comments.title', 'comments.author_name', 'comments.source_url', 'comments.created_at', 'posts.id as post_id', 'posts.title as post_title', 'posts.slug as post_slug', 'posts.published_at as post_published_at', 'posts.type as post_type', 'posts.page_path as post_page_path'])
        .where('comments.kind', '=', kind)
        .where('comments.status', '=', status);
      // coalesce(): a plain equality on posts would let SQLite turn the left join back into a reorderable one.
      if (authorId !== undefined) q = q.where((eb) => eb(eb.fn.coalesce('posts.author_id', eb.val(0)), '=', authorId));
      return q;
    }),
  );
  return newestFirst(db, branches, { created: 'comments.created_at', id: 'comments.id' }, limit, 0).execute();
}

/** When each linkback received since `since` arrived (any status), for the dashboard's chart. */
export async function linkbacksReceivedSince(db: Executor, since: string, authorId?: number): Promise<string[]> {
  // Every status is listed (the chart counts them all) so that comments_kind_status_date can seek straight
  // to the last 30 days for each (kind, status) pair instead of reading every linkback ever received.
  let q = db
    .selectFrom('comments')
    .leftJoin('posts', 'posts.id', 'comments.post_id')
    .select('comments.created_at as at')
    .where('comments.kind', 'in', [...LINKBACK_KINDS])
    .where('comments.status', 'in', ['pending', 'approved', 'spam', 'trash'])
    .where('comments.created_at', '>=', since);
  // Start from the 30 days' rows and check each post's author, not from all the author's posts (the left join
  // and coalesce() keep comments the outer loop: db/bounded.ts ORDER_KEEPING_JOIN).
  if (authorId !== undefined) q = q.where((eb) => eb(eb.fn.coalesce('posts.author_id', eb.val(0)), '=', authorId));
  return (await q.execute()).map((r) => r.at);
}
