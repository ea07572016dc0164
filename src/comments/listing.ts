// The moderation panel's queries: counts per status tab (for the kind/post filter in force), and one page
// of comments filtered by status, kind, post and a search over text, author, URL and IP.
import type { Executor } from '../db/database.js';
import type { Comment, CommentKind, CommentStatus } from '../db/schema.js';
import { LINKBACK_KINDS } from './matching.js';

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

/** "All" is every comment except spam and trash, as in WordPress. */
export async function countByStatus(db: Executor, q: Omit<CommentQuery, 'status' | 'page' | 'perPage'>): Promise<Record<StatusTab, number>> {
  const rows = await filtered(db, q)
    .select(['comments.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('comments.status')
    .execute();
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  const pending = by.get('pending') ?? 0;
  const approved = by.get('approved') ?? 0;
  return { all: pending + approved, pending, approved, spam: by.get('spam') ?? 0, trash: by.get('trash') ?? 0 };
}

export async function listComments(db: Executor, q: CommentQuery): Promise<ListedComment[]> {
  let query = filtered(db, q).innerJoin('posts', 'posts.id', 'comments.post_id');
  query = q.status === 'all' ? query.where('comments.status', 'in', ['pending', 'approved']) : query.where('comments.status', '=', q.status as CommentStatus);
  return query
    .selectAll('comments')
    .select(['posts.title as post_title', 'posts.slug as post_slug', 'posts.published_at as post_published_at'])
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .execute();
}

export function commentHistory(db: Executor, commentId: number) {
  return db.selectFrom('comment_events').selectAll().where('comment_id', '=', commentId).orderBy('at').orderBy('id').execute();
}
