// Comment reads for the wp.* moderation methods: one comment or a filtered page of them with its post's
// title and permalink fields, and the counts wp.getCommentCount reports.
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

export function listComments(db: Executor, f: CommentFilter): Promise<CommentWithPost[]> {
  let q = withPost(db).where('comments.status', 'in', f.statuses);
  if (f.postId !== undefined) q = q.where('comments.post_id', '=', f.postId);
  return q.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(f.limit).offset(f.offset).execute();
}

export async function countComments(db: Executor, postId?: number): Promise<Record<CommentStatus, number>> {
  let q = db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status');
  if (postId !== undefined) q = q.where('post_id', '=', postId);
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
  for (const row of await q.execute()) counts[row.status] = Number(row.n);
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
