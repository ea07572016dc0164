// Runs EXPLAIN on statements a page ran and says which ones read posts, comments, deliveries or jobs in a
// way that grows with the blog (issue 11, point 1). SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN with
// enable_seqscan off, so a tiny test table cannot hide a missing index behind a cheap sequential scan.
import { CompiledQuery, sql } from 'kysely';
import type { Db, Dialect } from '../../src/db/database.js';

export const WATCHED = ['posts', 'comments', 'deliveries', 'jobs', 'media', 'media_files', 'media_chunks', 'terms', 'term_relationships', 'old_paths'];
const watched = WATCHED.join('|');

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export interface PlanVerdict {
  statement: Statement;
  plan: string[];
  problem: string | null;
}

interface SqlitePlanRow {
  id: number;
  parent: number;
  detail: string;
}

/**
 * SQLite: a SCAN of a watched table without an index reads all of it; a temporary B-tree for ORDER BY
 * beside a whole-table walk (even through an index) or beside a search on a low-selectivity column such as
 * status or kind sorts every match before the LIMIT applies. A search that starts at one post (post_id=?)
 * or one row (rowid, id, slug) is bounded by that post however big the blog grows. A statement without a
 * LIMIT must be bounded that way or by a date range.
 */
export function sqliteProblem(rows: SqlitePlanRow[], text = ''): string | null {
  const fullScan = new RegExp(`^SCAN (${watched})\\b(?!.*USING (COVERING )?INDEX)`);
  const access = new RegExp(`^(SCAN|SEARCH) (${watched})\\b`);
  const boundedSearch = /^SEARCH \S+ USING (?:.*\((?:post_id|id|rowid|comment_id|slug|path|media_id)=|.*\(taxonomy=\? AND slug=\?\)|INTEGER PRIMARY KEY)/;
  // A Bloom filter or an automatic index on a watched table is built by reading all of it first.
  const buildsFromTable = new RegExp(`^(BLOOM FILTER ON|AUTOMATIC .*INDEX ON) (${watched})\\b`);
  // A walk of the rowid in order with nothing filtered stops at the LIMIT (the media library's first page);
  // SQLite words it as a bare SCAN, so it is recognised from the statement.
  const rowidWalk = !/\bwhere\b/i.test(text) && /order by "id"( desc| asc)? limit \?$/i.test(text.trim());
  for (const row of rows) {
    if (fullScan.test(row.detail) && !rowidWalk) return `full scan: ${row.detail}`;
    if (buildsFromTable.test(row.detail)) return `reads the whole table to build: ${row.detail}`;
    if (/USE TEMP B-TREE FOR (?:RIGHT PART OF )?ORDER BY/.test(row.detail)) {
      const unbounded = rows.filter((r) => r.parent === row.parent && access.test(r.detail) && !boundedSearch.test(r.detail));
      if (unbounded.length) return `sort of an unbounded read: ${unbounded.map((r) => r.detail).join('; ')} + ${row.detail}`;
    }
  }
  // Without a LIMIT nothing stops a walk early: each read must start at one post or one row, or be a range
  // over a date (the dashboard's last 30 days), not every row of a status or kind.
  if (!/\blimit\b/i.test(text)) {
    const dateRange = /\((?:.* AND )?\w+_at[<>]/;
    const unbounded = rows.find((r) => access.test(r.detail) && !boundedSearch.test(r.detail) && !dateRange.test(r.detail));
    if (unbounded) return `read without a LIMIT that is not bounded by a post, a row or a date range: ${unbounded.detail}`;
  }
  return null;
}

export function postgresProblem(lines: string[]): string | null {
  const seq = new RegExp(`Seq Scan on (${watched})\\b`);
  const hit = lines.find((l) => seq.test(l));
  return hit ? `sequential scan: ${hit.trim()}` : null;
}

/**
 * The admin's text filters (posts list and moderation search) are the one allowed exception: a LIKE over
 * text cannot use a B-tree index, so they must be bounded by a LIMIT (issue 11).
 */
export function isBoundedTextSearch(statement: Statement): boolean {
  return /\blower\([^)]*\)\)? like /i.test(statement.sql) && /\blimit\b/i.test(statement.sql);
}

/** Statements worth explaining: reads and writes with a WHERE, not transaction control or pragmas. */
export function isExplainable(text: string): boolean {
  return /^\s*(select|with|update|delete)\b/i.test(text);
}

export async function explain(db: Db, dialect: Dialect, statement: Statement): Promise<PlanVerdict> {
  if (dialect === 'sqlite') {
    const { rows } = await db.executeQuery<SqlitePlanRow>(CompiledQuery.raw(`explain query plan ${statement.sql}`, [...statement.parameters]));
    const problem = sqliteProblem(rows, statement.sql);
    return { statement, plan: rows.map((r) => r.detail), problem: problem && !isBoundedTextSearch(statement) ? problem : null };
  }
  return db.connection().execute(async (conn) => {
    await sql`set enable_seqscan = off`.execute(conn);
    try {
      const { rows } = await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${statement.sql}`, [...statement.parameters]));
      const plan = rows.map((r) => r['QUERY PLAN']);
      const problem = postgresProblem(plan);
      return { statement, plan, problem: problem && !isBoundedTextSearch(statement) ? problem : null };
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
    }
  });
}

/**
 * sqlite_stat1 as ANALYZE wrote it on a blog of 100,000 posts, 1,000,000 comments and 200,000 deliveries
 * (jobs: a backlog of 10,000). With them the planner chooses as it would on a large blog, which is where
 * plans differ from a small test database (a Bloom filter over posts, another index).
 */
const LARGE_BLOG_STATS: [table: string, index: string, stat: string][] = [
  ['comments', 'comments_created', '1000070 1'],
  ['comments', 'comments_kind_status_date', '1000070 250018 142868 1'],
  ['comments', 'comments_post_status_date', '1000070 11 11 1'],
  ['comments', 'comments_source', '1000070 11 4'],
  ['comments', 'comments_status_date', '1000070 250018 1'],
  ['comments', 'comments_status_email', '1000070 250018 200'],
  ['deliveries', 'deliveries_post_updated', '200000 2 1'],
  ['deliveries', 'deliveries_state', '200000 50000 1'],
  ['deliveries', 'deliveries_updated', '200000 1'],
  ['deliveries', 'sqlite_autoindex_deliveries_1', '200000 2 2 1'],
  ['jobs', 'jobs_claim', '10000 2500 1'],
  ['jobs', 'sqlite_autoindex_jobs_1', '10000 1'],
  ['posts', 'posts_author_updated', '100000 50000 1'],
  ['posts', 'posts_author_date_or_created', '100000 50000 1'],
  ['posts', 'posts_date_or_created', '100000 1'],
  ['posts', 'posts_status_date_or_created', '100000 33334 1'],
  ['posts', 'posts_status_date', '100000 33334 1'],
  ['posts', 'posts_status_updated', '100000 33334 1'],
  ['posts', 'posts_updated', '100000 1'],
  ['posts', 'sqlite_autoindex_posts_1', '100000 1'],
  ['comment_counts', 'sqlite_autoindex_comment_counts_1', '7 2 1'],
  ['post_counts', 'sqlite_autoindex_post_counts_1', '5 3 1 1 1'],
  ['post_archive_months', 'sqlite_autoindex_post_archive_months_1', '115 1'],
  // Issue 13 point 7: 20 categories and 200 tags, 2.5 terms per post.
  ['terms', 'terms_taxonomy_name', '220 110 1'],
  ['terms', 'terms_parent', '220 20'],
  ['terms', 'sqlite_autoindex_terms_1', '220 110 1'],
  ['term_relationships', 'term_relationships_term_date', '250000 1136 1 1'],
  ['term_relationships', 'sqlite_autoindex_term_relationships_1', '250000 3 1'],
];

export type Statistics = 'none' | 'large blog';

/** SQLite only: plan with no statistics at all, or with a large blog's. */
export async function useStatistics(db: Db, statistics: Statistics): Promise<void> {
  await sql`analyze`.execute(db);
  await sql`delete from sqlite_stat1`.execute(db);
  if (statistics === 'large blog') {
    for (const [tbl, idx, stat] of LARGE_BLOG_STATS) await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${tbl}, ${idx}, ${stat})`.execute(db);
  }
  // Makes the planner read sqlite_stat1 again (https://sqlite.org/lang_analyze.html).
  await sql`analyze sqlite_schema`.execute(db);
}
