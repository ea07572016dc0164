// Comment reads and writes for moderation (wp.* methods, the panel's actions, the purge): one comment or a
// filtered page of them with its post's title and permalink fields, the counts wp.getCommentCount reports.
import { newestFirst } from '../db/bounded.js';
import { commentCountsByStatus } from '../db/counters.js';
import type { Executor } from '../db/database.js';
import type { Comment, CommentStatus } from '../db/schema.js';

export type CommentWithPost = Comment & { post_title: string; post_slug: string; post_published_at: string | null };

function withPost(db: Executor) {
  return db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .selectAll('comments')
    .select(['posts.title as post_title', 'posts.slug as post_slug', 'posts.published_at as post_published_at']);
}

export function findCommentWithPost(db: Executor, id: number): Promise<CommentWithPost | undefined> {
  return withPost(db).where('comments.id', '=', id).executeTakeFirst();
}

export interface CommentFilter {
  statuses: CommentStatus[];
  postId?: number;
  limit: number;
  offset: number;
}

/** Newest first: one index walk per status, merged (db/bounded.ts), not a sort of every match. */
export async function listComments(db: Executor, f: CommentFilter): Promise<CommentWithPost[]> {
  const branches = f.statuses.map((status) => {
    const q = withPost(db).where('comments.status', '=', status);
    return f.postId !== undefined ? q.where('comments.post_id', '=', f.postId) : q;
  });
  return (await newestFirst(db, branches, { created: 'comments.created_at', id: 'comments.id' }, f.limit, f.offset).execute()) as CommentWithPost[];
}

/** For one post, counted through its index; for the whole blog, from the counter rows (migration 0005). */
export async function countComments(db: Executor, postId?: number): Promise<Record<CommentStatus, number>> {
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  if (postId === undefined) {
    for (const [status, n] of await commentCountsByStatus(db, null)) counts[status] = n;
    return counts;
  }
  const rows = await db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('post_id', '=', postId).groupBy('status').execute();
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export interface CommentEdits {
  content?: string;
  author_name?: string;
  author_url?: string;
  author_email?: string;
}

export async function updateCommentFields(db: Executor, id: number, edits: CommentEdits, at: string): Promise<void> {
  await db.updateTable('comments').set({ ...edits, updated_at: at }).where('id', '=', id).execute();
}
