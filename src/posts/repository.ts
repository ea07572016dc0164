// Posts and old-slug queries.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { cappedCount } from '../db/bounded.js';
import { postCountsByStatus } from '../db/counters.js';
import { containsText } from '../db/text-search.js';
import type { NewPost, Post, PostStatus, PostUpdate } from '../db/schema.js';

export function findPostById(db: Executor, id: number): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPostBySlug(db: Executor, slug: string): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The post that once had this slug (newest rename first). */
export async function findPostByOldSlug(db: Executor, slug: string): Promise<Post | undefined> {
  return db
    .selectFrom('old_slugs')
    .innerJoin('posts', 'posts.id', 'old_slugs.post_id')
    .selectAll('posts')
    .where('old_slugs.slug', '=', slug)
    .orderBy('old_slugs.id', 'desc')
    .executeTakeFirst();
}

export async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('posts').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Whether a media item exists and is an image: what a featured image must be (issue 14). */
export async function isImage(db: Executor, mediaId: number): Promise<boolean> {
  return !!(await db.selectFrom('media').select('id').where('id', '=', mediaId).where('kind', '=', 'image').executeTakeFirst());
}

export function insertPost(db: Executor, post: NewPost): Promise<Post> {
  return db.insertInto('posts').values(post).returningAll().executeTakeFirstOrThrow();
}

export function updatePostRow(db: Executor, id: number, changes: PostUpdate): Promise<Post> {
  return db.updateTable('posts').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function recordOldSlug(db: Executor, postId: number, slug: string, at: string): Promise<void> {
  await db.deleteFrom('old_slugs').where('slug', '=', slug).where('post_id', '=', postId).execute();
  await db.insertInto('old_slugs').values({ post_id: postId, slug, created_at: at }).execute();
}

export interface PostListQuery {
  status?: PostStatus | 'all';
  authorId?: number;
  search?: string;
  limit: number;
  offset: number;
}

/** A search counts at most this many matches: a text filter cannot count through an index (issue 11). */
export const SEARCH_COUNT_CAP = 10_000;

export async function listPosts(db: Executor, q: PostListQuery): Promise<{ posts: Post[]; total: number }> {
  let base = db.selectFrom('posts');
  if (q.status && q.status !== 'all') base = base.where('status', '=', q.status);
  else base = base.where('status', '!=', 'trash');
  if (q.authorId !== undefined) base = base.where('author_id', '=', q.authorId);
  if (q.search) {
    const text = q.search;
    base = base.where((eb) => eb.or([containsText('title', text), containsText('content', text)]));
  }
  const [posts, total] = await Promise.all([
    // The list's Date column, newest first (issue 15): the post's date, or its creation while undated, through
    // the posts_*date_or_created expression indexes (migration 0005).
    base.selectAll().orderBy(sql`coalesce(published_at, created_at)`, 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    q.search ? cappedCount(db, base, SEARCH_COUNT_CAP) : countPostsByStatus(db, q.authorId).then((c) => c[q.status ?? 'all']),
  ]);
  return { posts, total };
}

/** Per status tab, from the counter rows (migration 0005); "all" leaves out the trash, as WordPress does. */
export async function countPostsByStatus(db: Executor, authorId?: number): Promise<Record<PostStatus | 'all', number>> {
  const by = await postCountsByStatus(db, authorId);
  const out: Record<string, number> = { all: 0, draft: 0, published: 0, scheduled: 0, trash: 0 };
  for (const [status, n] of by) {
    out[status] = n;
    if (status !== 'trash') out.all += n;
  }
  return out as Record<PostStatus | 'all', number>;
}

/**
 * Published posts, newest first, for the home page, month archives and feeds. The total for the whole blog
 * comes from the counter rows; within a month it is counted through posts_status_date.
 */
export async function listPublished(db: Executor, limit: number, offset: number, range?: { from: string; to: string }): Promise<{ posts: Post[]; total: number }> {
  let base = db.selectFrom('posts').where('status', '=', 'published');
  if (range) base = base.where('published_at', '>=', range.from).where('published_at', '<', range.to);
  const countInRange = (r: typeof base) => r.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((c) => Number(c.n));
  const [posts, total] = await Promise.all([
    base.selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    range ? countInRange(base) : postCountsByStatus(db).then((c) => c.get('published') ?? 0),
  ]);
  return { posts, total };
}

export async function deletePostRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('posts').where('id', '=', id).execute();
}

/** Opens or closes comments or pings on every post; returns how many posts actually changed. */
export async function setDiscussionOnAllPosts(db: Executor, column: 'ping_status' | 'comment_status', to: 'open' | 'closed'): Promise<number> {
  const result = await db.updateTable('posts').set({ [column]: to }).where(column, '!=', to).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * For metaWeblog.getRecentPosts and wp.getPosts: newest by the post's date (drafts by creation), as WordPress
 * orders by post_date; authors see only their own.
 */
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
