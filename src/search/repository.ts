// Search queries over the full-text index of migration 0016: SQLite's posts_fts (bm25) or PostgreSQL's
// posts_search (ts_rank). The index holds only published posts; the status test here is a second guard,
// written `status || ''` so no planner drives the query from the status index (every published post)
// instead of from the full-text match.
// Cost: the engine reads the posting lists of the query's terms (the index, never the posts table), ranks
// the matches and returns one page; posts are then read by primary key for that page only. Counting stops
// at SEARCH_RESULT_CAP, and pages past it are not served, so OFFSET never walks further than the cap.
import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import type { Post } from '../db/schema.js';
import { fts5Query, tsQuery } from './terms.js';

/** Results a search lists at most (WordPress lists all; 1,000 is 100 pages at the default 10 per page). */
export const SEARCH_RESULT_CAP = 1000;

/** Posts matching every term, best first (title matches outrank excerpt ones, which outrank the body's). */
export async function searchPublished(db: Executor, dialect: Dialect, terms: string[], limit: number, offset: number): Promise<Post[]> {
  if (terms.length === 0) return [];
  if (dialect === 'sqlite') {
    const { rows } = await sql<Post>`
      select posts.* from posts_fts join posts on posts.id = posts_fts.rowid
      where posts_fts match ${fts5Query(terms)} and posts.status || '' = 'published'
      order by bm25(posts_fts, 10.0, 3.0, 1.0), posts.published_at desc, posts.id desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows;
  }
  const { rows } = await sql<Post>`
    select posts.* from posts_search join posts on posts.id = posts_search.post_id
    where posts_search.document @@ to_tsquery('simple', ${tsQuery(terms)}) and posts.status || '' = 'published'
    order by ts_rank(posts_search.document, to_tsquery('simple', ${tsQuery(terms)})) desc, posts.published_at desc, posts.id desc
    limit ${limit} offset ${offset}`.execute(db);
  return rows;
}

/** How many posts match, counted up to the cap (SEARCH_RESULT_CAP + 1 means "more than the cap"). */
export async function countMatches(db: Executor, dialect: Dialect, terms: string[]): Promise<number> {
  if (terms.length === 0) return 0;
  const cap = SEARCH_RESULT_CAP + 1;
  const inner =
    dialect === 'sqlite'
      ? sql`select 1 from posts_fts join posts on posts.id = posts_fts.rowid where posts_fts match ${fts5Query(terms)} and posts.status || '' = 'published' limit ${cap}`
      : sql`select 1 from posts_search join posts on posts.id = posts_search.post_id where posts_search.document @@ to_tsquery('simple', ${tsQuery(terms)}) and posts.status || '' = 'published' limit ${cap}`;
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${inner}) as matches`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
