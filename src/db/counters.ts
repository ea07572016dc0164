// Reads of the counter tables that migration 0005's triggers keep in step with posts and comments (issue 11:
// counts come from a few counter rows, never from COUNT(*) over a table that grows with the blog).
import type { Executor } from './database.js';
import type { CommentKind, CommentStatus, PostStatus, PostType } from './schema.js';

/** Comments per status, for the kinds given (all kinds when null). */
export async function commentCountsByStatus(db: Executor, kinds: CommentKind[] | null): Promise<Map<CommentStatus, number>> {
  let q = db.selectFrom('comment_counts').select(['status', 'kind', 'n']);
  if (kinds) q = q.where('kind', 'in', kinds);
  const out = new Map<CommentStatus, number>();
  for (const r of await q.execute()) out.set(r.status as CommentStatus, (out.get(r.status as CommentStatus) ?? 0) + Number(r.n));
  return out;
}

/** Posts (or pages) per status, for one author or for everyone. */
export async function postCountsByStatus(db: Executor, authorId?: number, type: PostType = 'post'): Promise<Map<PostStatus, number>> {
  let q = db.selectFrom('post_counts').select(['status', 'n']).where('type', '=', type);
  if (authorId !== undefined) q = q.where('author_id', '=', authorId);
  const out = new Map<PostStatus, number>();
  for (const r of await q.execute()) out.set(r.status as PostStatus, (out.get(r.status as PostStatus) ?? 0) + Number(r.n));
  return out;
}

/** Posts outside the trash, and how many of them take pings and comments now. */
export async function postDiscussionCounts(db: Executor): Promise<{ posts: number; pingsOpen: number; commentsOpen: number }> {
  const rows = await db.selectFrom('post_counts').select(['comment_status', 'ping_status', 'n']).where('status', '!=', 'trash').execute();
  const sum = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).reduce((n, r) => n + Number(r.n), 0);
  return { posts: sum(() => true), pingsOpen: sum((r) => r.ping_status === 'open'), commentsOpen: sum((r) => r.comment_status === 'open') };
}

/** Months that have published posts, newest first ("2026-01"), with how many. */
export async function archiveMonths(db: Executor, limit: number): Promise<{ month: string; count: number }[]> {
  const rows = await db.selectFrom('post_archive_months').select(['month', 'n']).where('n', '>', 0).orderBy('month', 'desc').limit(limit).execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.n) }));
}
