// Two ways to keep a listing's cost bounded by the page, not by the table (issue 11, point 1).
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from './database.js';

/**
 * COUNT(*) that stops at `cap` + 1 rows: for counts only a text search can ask for (it cannot use an index
 * to count), and for pagination where "more than cap" is all a reader needs to know.
 */
export async function cappedCount(db: Executor, query: SelectQueryBuilder<any, any, any>, cap: number): Promise<number> {
  const row = await db
    .selectFrom(query.clearSelect().select(sql<number>`1`.as('one')).clearOrderBy().limit(cap + 1).as('bounded'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * ORDER_KEEPING_JOIN: a listing that walks one table's index newest first and shows a column or two of each
 * row's post joins the post with a LEFT JOIN (every row has its post: a foreign key), and filters on the
 * post's columns through coalesce(). SQLite never reorders a left join, so the listed table stays the outer
 * loop; with an inner join its planner, misled by statistics, started from every post and sorted all their
 * comments instead (seen: 0.9 s for the moderation list of a 100,000-post blog). PostgreSQL plans either alike.
 */

/**
 * One page, newest first, of rows matching any of several filters. A filter with IN (...) on the leading
 * column of an index cannot return rows in index order, so the database would sort every match — for the
 * moderation list's "all" tab, every approved comment. Each branch here is an equality filter that walks
 * its index newest first and stops after `limit + offset` rows; only those few rows are merged and sorted.
 */
export function newestFirst<Q extends SelectQueryBuilder<any, any, any>>(
  db: Executor,
  branches: Q[],
  /** The date column to sort by, newest first, and the id that breaks ties. */
  order: { created: string; id: string },
  limit: number,
  offset: number,
) {
  const bounded = branches.map((b) => b.orderBy(order.created, 'desc').orderBy(order.id, 'desc').limit(limit + offset));
  const merged = bounded
    .map((b, i) => db.selectFrom(b.as(`branch${i}`)).selectAll())
    .reduce((all, next) => all.unionAll(next));
  // Outside the branches the columns go by their own names ("comments.created_at" → "created_at").
  const column = (ref: string) => ref.slice(ref.lastIndexOf('.') + 1);
  return db.selectFrom(merged.as('merged')).selectAll().orderBy(column(order.created), 'desc').orderBy(column(order.id), 'desc').limit(limit).offset(offset);
}

/**
 * Numbers (1-based) of the id ranges of `width` for which `hasRow` finds a row: one indexed probe per range
 * (the sitemaps page each section by primary-key ranges, never by an OFFSET that walks what comes before).
 */
export async function idRangesWithRows(maxId: number, width: number, hasRow: (lo: number, hi: number) => Promise<unknown>): Promise<number[]> {
  const pages: number[] = [];
  for (let n = 1; (n - 1) * width < maxId; n++) if (await hasRow((n - 1) * width, n * width)) pages.push(n);
  return pages;
}
