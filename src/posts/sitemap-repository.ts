// The sitemap's queries of posts (discovery/sitemap-providers.ts lists them): ranges of the primary key, each
// bounded by its width. Posts and pages share the table, told apart by type.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { idRangesWithRows } from '../db/bounded.js';
import type { Post, PostType } from '../db/schema.js';

/**
 * The status test must not steer the planner to the status index: with a large blog's statistics SQLite
 * would walk every published post through it and sort them, instead of the one id range. `status || ''` is
 * the same value but no index covers it (SQLite's own idiom for this is a unary +, which PostgreSQL lacks).
 */
const statusNotIndexed = sql<string>`${sql.ref('status')} || ''`;
/** Likewise the type: with statistics SQLite would otherwise walk posts_type_date_or_created and sort. */
const typeNotIndexed = sql<string>`${sql.ref('type')} || ''`;
const passwordNotIndexed = sql<string>`${sql.ref('password')} || ''`;

/** A post or page listed in a sitemap: published, and not behind a password (WordPress's has_password false). */
function listedPosts(db: Executor, type: PostType, lo: number, hi: number) {
  return db
    .selectFrom('posts')
    .where('id', '>', lo)
    .where('id', '<=', hi)
    .where(statusNotIndexed, '=', 'published')
    .where(typeNotIndexed, '=', type)
    .where(passwordNotIndexed, '=', '');
}

export async function publishedIdRangesWithPosts(db: Executor, width: number, type: PostType = 'post'): Promise<number[]> {
  // ORDER BY id DESC LIMIT 1: one step down the primary key on both databases.
  const top = await db.selectFrom('posts').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return idRangesWithRows(top?.id ?? 0, width, (lo, hi) => listedPosts(db, type, lo, hi).select('id').orderBy('id').limit(1).executeTakeFirst());
}

/** Published posts (or pages) with lo < id <= hi, in id order (at most hi − lo rows). */
export function publishedPostsInIdRange(db: Executor, lo: number, hi: number, type: PostType = 'post'): Promise<Pick<Post, 'id' | 'slug' | 'published_at' | 'updated_at' | 'type' | 'page_path'>[]> {
  return listedPosts(db, type, lo, hi).select(['id', 'slug', 'published_at', 'updated_at', 'type', 'page_path']).orderBy('id').limit(hi - lo).execute();
}
