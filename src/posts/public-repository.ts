// Read-only queries for the public site: approved comment counts per post, the month archive list, and the
// post authors' display names.
import { archiveMonths } from '../db/counters.js';
import type { Executor } from '../db/database.js';

export interface ApprovedCounts {
  comments: number;
  mentions: number;
}

/** Approved readers' comments and approved linkbacks per post, for the posts listed. */
export async function approvedCounts(db: Executor, postIds: number[]): Promise<Map<number, ApprovedCounts>> {
  const out = new Map<number, ApprovedCounts>(postIds.map((id) => [id, { comments: 0, mentions: 0 }]));
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('comments')
    .select(['post_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('post_id', 'in', postIds)
    .where('status', '=', 'approved')
    .groupBy(['post_id', 'kind'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.post_id);
    if (!c) continue;
    if (r.kind === 'comment') c.comments += Number(r.n);
    else c.mentions += Number(r.n);
  }
  return out;
}

/** Months that have published posts, newest first: "2026-01" with its count. Months are UTC, as permalinks are. */
export function publishedMonths(db: Executor, limit = 24): Promise<{ month: string; count: number }[]> {
  // Counter rows kept by triggers on posts (migration 0005), not a GROUP BY over every published post.
  return archiveMonths(db, limit);
}

export async function authorNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name || r.username]));
}

/** At most this many pages in the theme's menu: the query stays bounded however many pages the blog has. */
export const MENU_LIMIT = 20;

/** Published top-level pages in menu order (then title), as WordPress's wp_page_menu lists them. */
export function topLevelPages(db: Executor, limit = MENU_LIMIT) {
  return db
    .selectFrom('posts')
    .select(['id', 'title', 'slug', 'published_at', 'type', 'page_path'])
    .where('type', '=', 'page')
    .where('parent_id', 'is', null)
    .where('status', '=', 'published')
    .orderBy('menu_order')
    .orderBy('title')
    .limit(limit)
    .execute();
}
