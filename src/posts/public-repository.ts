// Read-only queries for the public site: the month archive list and the pages menu. Approved comment counts
// are columns of the post row (migration 0019) and authors' names are users/repository.ts's authorNames.
import { archiveMonths } from '../db/counters.js';
import type { Executor } from '../db/database.js';

/** Months that have published posts, newest first: "2026-01" with its count. Months are UTC, as permalinks are. */
export function publishedMonths(db: Executor, limit = 24): Promise<{ month: string; count: number }[]> {
  // Counter rows kept by triggers on posts (migration 0005), not a GROUP BY over every published post.
  return archiveMonths(db, limit);
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
