// Comment queries for the moderation panel (admin/comments-routes.ts): counts per status tab (for the kind/post
// filter in force), and one page of comments filtered by status, kind, post and a search over text, author, URL and IP.
import type { Executor } from '../db/database.js';
import type { Comment, CommentKind, CommentStatus } from '../db/schema.js';
import { LINKBACK_KINDS } from './matching.js';
import { cappedCount, newestFirst } from '../db/bounded.js';
import { commentCountsByStatus } from '../db/counters.js';

export const STATUS_TABS = ['all', 'pending', 'approved', 'spam', 'trash'] as const;
export type StatusTab = (typeof STATUS_TABS)[number];
export const KIND_FILTERS = ['all', 'comment', 'pingback', 'trackback', 'webmention', 'linkbacks'] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];

export interface CommentQuery {
  status: StatusTab;
  kind: KindFilter;
  postId?: number;
  search?: string;
  page: number;
  perPage: number;
}

export interface ListedComment extends Comment {
  post_title: string;
  post_slug: string;
  post_published_at: string | null;
  post_type: string;
  post_page_path: string | null;
}

function kindsFor(kind: KindFilter): CommentKind[] | null {
  if (kind === 'all') return null;
  if (kind === 'linkbacks') return [...LINKBACK_KINDS];
  return [kind];
}

/** Filters shared by the list and the tab counts (everything but the status). */
function filtered(db: Executor, q: Omit<CommentQuery, 'status' | 'page' | 'perPage'>) {
  let query = db.selectFrom('comments');
  const kinds = kindsFor(q.kind);
  if (kinds) query = query.where('comments.kind', 'in', kinds);
  if (q.postId) query = query.where('comments.post_id', '=', q.postId);
  const term = q.search?.trim();
  if (term) {
    const like = `%${term.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or(
        (['content', 'author_name', 'author_email', 'author_url', 'source_url', 'title', 'excerpt', 'ip'] as const).map((col) =>
          eb(eb.fn('lower', [eb.fn.coalesce(`comments.${col}`, eb.val(''))]), 'like', like),
        ),
      ),
    );
  }
  return query;
}

/** Search counts stop here: a text filter cannot count through an index (issue 11's one exception). */
export const SEARCH_COUNT_CAP = 10_000;

const TAB_STATUSES: CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];

/**
 * "All" is every comment except spam and trash, as in WordPress. Without a post or a search the counts come
 * from the counter rows; for one post they are counted through its index; a search counts at most
 * SEARCH_COUNT_CAP matches per tab.
 */
export async function countByStatus(db: Executor, q: Omit<CommentQuery, 'status' | 'page' | 'perPage'>): Promise<Record<StatusTab, number>> {
  let by: Map<string, number>;
  if (q.search?.trim()) {
    const counts = await Promise.all(TAB_STATUSES.map((s) => cappedCount(db, filtered(db, q).where('comments.status', '=', s), SEARCH_COUNT_CAP)));
    by = new Map(TAB_STATUSES.map((s, i) => [s, counts[i]]));
  } else if (q.postId) {
    const rows = await filtered(db, q).select(['comments.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('comments.status').execute();
    by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  } else {
    by = await commentCountsByStatus(db, kindsFor(q.kind));
  }
  const pending = by.get('pending') ?? 0;
  const approved = by.get('approved') ?? 0;
  return { all: pending + approved, pending, approved, spam: by.get('spam') ?? 0, trash: by.get('trash') ?? 0 };
}

/** One page newest first: one index walk per (status, kind) pair the filter allows, merged (db/bounded.ts). */
export async function listComments(db: Executor, q: CommentQuery): Promise<ListedComment[]> {
  const statuses: CommentStatus[] = q.status === 'all' ? ['pending', 'approved'] : [q.status];
  const kinds: (CommentKind | null)[] = kindsFor(q.kind) ?? [null];
  const branches = statuses.flatMap((status) =>
    kinds.map((kind) => {
      // A left join (every comment has its post) keeps comments the outer loop: SQLite may not reorder it, so it
      // walks the status index newest first and stops at the page (db/bounded.ts ORDER_KEEPING_JOIN).
      let b = filtered(db, { ...q, kind: 'all' }).leftJoin('posts', 'posts.id', 'comments.post_id').where('comments.status', '=', status);
      if (kind) b = b.where('comments.kind', '=', kind);
      return b.selectAll('comments').select(['posts.title as post_title', 'posts.slug as post_slug', 'posts.published_at as post_published_at', 'posts.type as post_type', 'posts.page_path as post_page_path']);
    }),
  );
  const rows = await newestFirst(db, branches, { created: 'comments.created_at', id: 'comments.id' }, q.perPage, (q.page - 1) * q.perPage).execute();
  return rows as ListedComment[];
}

/**
 * The newest posts that have comments (their ids, newest post first), for the panel's post filter. Walks
 * comments_post_status_date by post and stops after `limit` posts, rather than collecting every comment's
 * post_id. Their titles are posts/repository.ts's postTitles.
 */
export async function postIdsWithComments(db: Executor, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('comments').select('post_id').groupBy('post_id').orderBy('post_id', 'desc').limit(limit).execute();
  return rows.map((r) => r.post_id);
}

export function commentHistory(db: Executor, commentId: number) {
  return db.selectFrom('comment_events').selectAll().where('comment_id', '=', commentId).orderBy('at').orderBy('id').execute();
}
