// Comment reads and writes for moderation (wp.* methods, the panel's actions, the purge): one comment or a
// filtered page of them with its post's title and permalink fields, the counts wp.getCommentCount reports.
import { newestFirst } from '../db/bounded.js';
import { commentCountsByStatus } from '../db/counters.js';
import type { Executor } from '../db/database.js';
import type { Comment, CommentStatus } from '../db/schema.js';

export type CommentWithPost = Comment & { post_title: string; post_slug: string; post_published_at: string | null; post_type: string; post_page_path: string | null };

function withPost(db: Executor) {
  return db
    .selectFrom('comments')
    // Left join, so comments stay the outer loop (db/bounded.ts ORDER_KEEPING_JOIN); every comment has its post.
    .leftJoin('posts', 'posts.id', 'comments.post_id')
    .selectAll('comments')
    .select(['posts.title as post_title', 'posts.slug as post_slug', 'posts.published_at as post_published_at', 'posts.type as post_type', 'posts.page_path as post_page_path']);
}

export function findCommentWithPost(db: Executor, id: number): Promise<CommentWithPost | undefined> {
  return withPost(db).where('comments.id', '=', id).executeTakeFirst() as Promise<CommentWithPost | undefined>;
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

export async function deleteComment(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

export function setCommentStatus(db: Executor, id: number, status: CommentStatus, statusBeforeTrash: CommentStatus | null, at: string): Promise<Comment> {
  return db.updateTable('comments').set({ status, status_before_trash: statusBeforeTrash, updated_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The current status of each of these comments (missing ids are left out). */
export function statusesOf(db: Executor, ids: number[]): Promise<Pick<Comment, 'id' | 'status'>[]> {
  return db.selectFrom('comments').select(['id', 'status']).where('id', 'in', ids).execute();
}

/** The kind and source of each of these comments, to tell linkbacks and their hosts apart. */
export function sourcesOf(db: Executor, ids: number[]): Promise<Pick<Comment, 'id' | 'kind' | 'source_url'>[]> {
  return db.selectFrom('comments').select(['id', 'kind', 'source_url']).where('id', 'in', ids).execute();
}

/** Ids of the comments in this status, only those changed at or before seenAt when given. */
export async function idsInStatus(db: Executor, status: CommentStatus, seenAt?: string): Promise<number[]> {
  let q = db.selectFrom('comments').select('id').where('status', '=', status);
  if (seenAt) q = q.where('updated_at', '<=', seenAt);
  return (await q.execute()).map((r) => r.id);
}

/** Deletes these comments and their history (callers chunk the ids). */
export async function deleteCommentsWithHistory(db: Executor, ids: number[]): Promise<void> {
  await db.deleteFrom('comment_events').where('comment_id', 'in', ids).execute();
  await db.deleteFrom('comments').where('id', 'in', ids).execute();
}

export async function anyInSpamOrTrash(db: Executor): Promise<boolean> {
  return Boolean(await db.selectFrom('comments').select('id').where('status', 'in', ['spam', 'trash']).limit(1).executeTakeFirst());
}
