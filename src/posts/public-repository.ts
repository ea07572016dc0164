// Read-only queries for the public site: approved comment counts per post, the month archive list, and the
// post authors' display names. Portable SQL only (substr works on SQLite and PostgreSQL alike).
import { sql } from 'kysely';
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
export async function publishedMonths(db: Executor, limit = 24): Promise<{ month: string; count: number }[]> {
  const month = sql<string>`substr(published_at, 1, 7)`;
  const rows = await db
    .selectFrom('posts')
    .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .groupBy(month)
    .orderBy(month, 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.n) }));
}

export async function authorNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name || r.username]));
}
