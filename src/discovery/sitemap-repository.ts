// The sitemap's posts queries: ranges of the primary key, each bounded by its width (sitemap-providers.ts).
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Post } from '../db/schema.js';

/**
 * The status test must not steer the planner to the status index: with a large blog's statistics SQLite
 * would walk every published post through it and sort them, instead of the one id range. `status || ''` is
 * the same value but no index covers it (SQLite's own idiom for this is a unary +, which PostgreSQL lacks).
 */
const statusNotIndexed = sql<string>`${sql.ref('status')} || ''`;

/** Numbers (1-based) of the id ranges of `width` that hold a published post: one indexed probe per range. */
export async function publishedIdRangesWithPosts(db: Executor, width: number): Promise<number[]> {
  // ORDER BY id DESC LIMIT 1: one step down the primary key on both databases.
  const top = await db.selectFrom('posts').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const maxId = top?.id ?? 0;
  const pages: number[] = [];
  for (let n = 1; (n - 1) * width < maxId; n++) {
    const hit = await db
      .selectFrom('posts')
      .select('id')
      .where('id', '>', (n - 1) * width)
      .where('id', '<=', n * width)
      .where(statusNotIndexed, '=', 'published')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (hit) pages.push(n);
  }
  return pages;
}

/** Published posts with lo < id <= hi, in id order (at most hi − lo rows). */
export function publishedPostsInIdRange(db: Executor, lo: number, hi: number): Promise<Pick<Post, 'id' | 'slug' | 'published_at' | 'updated_at' | 'type' | 'page_path'>[]> {
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'published_at', 'updated_at', 'type', 'page_path'])
    .where('id', '>', lo)
    .where('id', '<=', hi)
    .where(statusNotIndexed, '=', 'published')
    .orderBy('id')
    .limit(hi - lo)
    .execute();
}
