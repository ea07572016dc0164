// The post page's readers' comments, one page of threads at a time (issue 16 point 1). Every query starts at
// one post and walks comments_post_thread (migration 0018: post, status, kind, thread, date, id): top-level
// comments are the entries with no thread, a page of them is read from the nearer end (threads.ts,
// pageWindow), and the replies read are only those of the threads on the page.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Comment } from '../db/schema.js';

/** At most this many replies under one page of threads: a page stays bounded even if one thread runs wild. */
export const MAX_REPLIES_PER_PAGE = 1000;

const LINKBACK_KINDS = ['pingback', 'trackback', 'webmention'] as const;
/** The reactions shown as a facepile, not as mentions (issue 19 point 2). */
export const REACTION_TYPES = ['like', 'repost', 'bookmark'] as const;

function readers(db: Executor, postId: number) {
  return db.selectFrom('comments').where('post_id', '=', postId).where('status', '=', 'approved').where('kind', '=', 'comment');
}

/** Approved readers' comments (all depths) and top-level ones: index-only counts over the post's entries. */
export async function countReaders(db: Executor, postId: number): Promise<{ all: number; topLevel: number }> {
  const row = await readers(db, postId)
    .select([
      (eb) => eb.fn.countAll<number>().as('all'),
      sql<number>`sum(case when thread_id is null then 1 else 0 end)`.as('top'),
    ])
    .executeTakeFirst();
  return { all: Number(row?.all ?? 0), topLevel: Number(row?.top ?? 0) };
}

/** One page of top-level comments, oldest first; read backwards from the newest end when that is nearer. */
export async function topLevelPage(db: Executor, postId: number, w: { from: 'oldest' | 'newest'; offset: number; limit: number }): Promise<Comment[]> {
  if (w.limit <= 0) return [];
  const dir = w.from === 'oldest' ? 'asc' : 'desc';
  const rows = await readers(db, postId).where('thread_id', 'is', null).selectAll().orderBy('created_at', dir).orderBy('id', dir).limit(w.limit).offset(w.offset).execute();
  return w.from === 'oldest' ? rows : rows.reverse();
}

/**
 * The approved replies in these threads, thread by thread, each oldest first. Ordered as the index is, so
 * the planner walks comments_post_thread for each thread named; ordered by date alone, SQLite would rather
 * walk the whole post's comments in date order (comments_post_status_date) to spare itself a sort.
 */
export function repliesOf(db: Executor, postId: number, threadIds: number[]): Promise<Comment[]> {
  if (threadIds.length === 0) return Promise.resolve([]);
  return readers(db, postId).where('thread_id', 'in', threadIds).selectAll().orderBy('thread_id').orderBy('created_at').orderBy('id').limit(MAX_REPLIES_PER_PAGE).execute();
}

/** The page (1 = oldest) a top-level comment is on: how many approved top-level comments come before it. */
export async function pageOfTopLevel(db: Executor, root: Pick<Comment, 'post_id' | 'created_at' | 'id'>, perPage: number): Promise<number> {
  const row = await readers(db, root.post_id)
    .where('thread_id', 'is', null)
    .where((eb) => eb.or([eb('created_at', '<', root.created_at), eb.and([eb('created_at', '=', root.created_at), eb('id', '<', root.id)])]))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Math.floor(Number(row?.n ?? 0) / perPage) + 1;
}

/**
 * Approved linkbacks of a post, in order: the Mentions section. Likes, reposts and bookmarks are the facepile's
 * (reactions.ts), and replies (to the post or threaded under a comment) are in the comment list (issue 19),
 * so they are left out.
 */
export async function approvedMentions(db: Executor, postId: number): Promise<Comment[]> {
  const rows = await db
    .selectFrom('comments')
    .selectAll()
    .where('post_id', '=', postId)
    .where('status', '=', 'approved')
    .where('kind', 'in', [...LINKBACK_KINDS])
    .where((eb) => eb.or([eb('mention_type', 'is', null), eb('mention_type', 'not in', [...REACTION_TYPES])]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  // Replies are dropped here rather than in SQL, so this read keeps walking the post's dated index.
  return rows.filter((r) => r.thread_id === null && r.mention_type !== 'reply');
}

/** Approved replies from other sites (mf2 in-reply-to, issue 19), to the post or to its comments: the comments count adds them. */
export async function countLinkbackReplies(db: Executor, postId: number): Promise<number> {
  // Walks comments_post_mention_type (post, status, mention type); only linkbacks have a mention type.
  const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('post_id', '=', postId).where('status', '=', 'approved').where('mention_type', '=', 'reply').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Approved replies from other sites to the post itself (issue 19 point 3: no thread, mf2 reply), received from
 * `from` (inclusive) until `until` (exclusive), oldest first: the comment page whose top-level comments span
 * those dates shows them among its threads, so each is on exactly one page. Null bounds are open.
 */
export function topLevelLinkbackReplies(db: Executor, postId: number, from: string | null, until: string | null): Promise<Comment[]> {
  let q = db.selectFrom('comments').selectAll().where('post_id', '=', postId).where('status', '=', 'approved').where('mention_type', '=', 'reply').where('thread_id', 'is', null);
  if (from !== null) q = q.where('created_at', '>=', from);
  if (until !== null) q = q.where('created_at', '<', until);
  return q.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(MAX_REPLIES_PER_PAGE).execute();
}

/**
 * The date of the first top-level readers' comment after this one (the next comment page's first), or null.
 * Two plain range reads (a tie on the same date, then a later date) rather than one OR, which PostgreSQL
 * answered by sorting every later comment of the post.
 */
export async function nextTopLevelDate(db: Executor, after: Pick<Comment, 'post_id' | 'created_at' | 'id'>): Promise<string | null> {
  const top = () => readers(db, after.post_id).where('thread_id', 'is', null).select('created_at');
  const tie = await top().where('created_at', '=', after.created_at).where('id', '>', after.id).limit(1).executeTakeFirst();
  if (tie) return tie.created_at;
  const later = await top().where('created_at', '>', after.created_at).orderBy('created_at', 'asc').orderBy('id', 'asc').limit(1).executeTakeFirst();
  return later?.created_at ?? null;
}

/**
 * Approved linkback replies threaded under the comments of these threads (issue 19 point 2), bounded as
 * repliesOf is. A query of its own so the readers' one keeps its single kind and its index order.
 */
export function linkbackRepliesOf(db: Executor, postId: number, threadIds: number[]): Promise<Comment[]> {
  if (threadIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comments')
    .selectAll()
    .where('post_id', '=', postId)
    .where('status', '=', 'approved')
    .where('kind', 'in', [...LINKBACK_KINDS])
    .where('thread_id', 'in', threadIds)
    // In comments_post_thread's order, so no sort; the caller orders the page's replies by date.
    .orderBy('kind')
    .orderBy('thread_id')
    .orderBy('created_at')
    .orderBy('id')
    .limit(MAX_REPLIES_PER_PAGE)
    .execute();
}

/** The writer's own held comments named by their cookie (at most five rows by primary key). */
export function heldByIds(db: Executor, postId: number, ids: number[]): Promise<Comment[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('comments').selectAll().where('id', 'in', ids).where('post_id', '=', postId).where('status', '=', 'pending').where('kind', '=', 'comment').orderBy('created_at').orderBy('id').execute();
}
