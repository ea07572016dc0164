// The sitemap's queries: ranges of a primary key, each bounded by its width (sitemap-providers.ts). Posts and
// pages share the posts table (told apart by type); categories and tags share the terms table.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Post, PostType, Taxonomy, Term } from '../db/schema.js';

/**
 * The status test must not steer the planner to the status index: with a large blog's statistics SQLite
 * would walk every published post through it and sort them, instead of the one id range. `status || ''` is
 * the same value but no index covers it (SQLite's own idiom for this is a unary +, which PostgreSQL lacks).
 */
const statusNotIndexed = sql<string>`${sql.ref('status')} || ''`;
/** The same for the type and the password: their indexes would sort a whole type's rows instead of one range. */
const typeNotIndexed = sql<string>`${sql.ref('type')} || ''`;
const passwordNotIndexed = sql<string>`${sql.ref('password')} || ''`;

/** Numbers (1-based) of the id ranges of `width` for which `hasRow` finds a row: one indexed probe per range. */
async function rangesWithRows(maxId: number, width: number, hasRow: (lo: number, hi: number) => Promise<unknown>): Promise<number[]> {
  const pages: number[] = [];
  for (let n = 1; (n - 1) * width < maxId; n++) if (await hasRow((n - 1) * width, n * width)) pages.push(n);
  return pages;
}

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
  return rangesWithRows(top?.id ?? 0, width, (lo, hi) => listedPosts(db, type, lo, hi).select('id').orderBy('id').limit(1).executeTakeFirst());
}

/** Published posts (or pages) with lo < id <= hi, in id order (at most hi − lo rows). */
export function publishedPostsInIdRange(db: Executor, lo: number, hi: number, type: PostType = 'post'): Promise<Pick<Post, 'id' | 'slug' | 'published_at' | 'updated_at' | 'type' | 'page_path'>[]> {
  return listedPosts(db, type, lo, hi).select(['id', 'slug', 'published_at', 'updated_at', 'type', 'page_path']).orderBy('id').limit(hi - lo).execute();
}

/** Terms with at least one published post (WordPress's sitemaps leave empty terms out). */
function listedTerms(db: Executor, taxonomy: Taxonomy, lo: number, hi: number) {
  return db.selectFrom('terms').where('id', '>', lo).where('id', '<=', hi).where('taxonomy', '=', taxonomy).where('count', '>', 0);
}

export async function termIdRangesWithTerms(db: Executor, width: number, taxonomy: Taxonomy): Promise<number[]> {
  const top = await db.selectFrom('terms').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return rangesWithRows(top?.id ?? 0, width, (lo, hi) => listedTerms(db, taxonomy, lo, hi).select('id').orderBy('id').limit(1).executeTakeFirst());
}

export function termsInIdRange(db: Executor, lo: number, hi: number, taxonomy: Taxonomy): Promise<Term[]> {
  return listedTerms(db, taxonomy, lo, hi).selectAll().orderBy('id').limit(hi - lo).execute();
}
