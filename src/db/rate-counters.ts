// Fixed-window counters in the database, so every instance on one database shares one limit (issue 18
// point 5). A window is [start, start + windowMs) on the injected clock; an event bumps its window's row with
// one atomic upsert (INSERT … ON CONFLICT DO UPDATE SET n = n + 1 RETURNING n: SQLite ≥ 3.35 and PostgreSQL),
// so two instances counting at once both see the other's count. Old windows are deleted by the daily
// maintenance sweep.
import { sql } from 'kysely';
import type { Executor } from './database.js';

export interface Window {
  start: string;
  /** Milliseconds from now until the window ends (a client's Retry-After). */
  resetMs: number;
}

export function windowAt(now: Date, windowMs: number): Window {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { start: new Date(start).toISOString(), resetMs: start + windowMs - now.getTime() };
}

/** Counts one event under (bucket, key) in the current window; returns the count including this one. */
export async function countEvent(db: Executor, bucket: string, key: string, now: Date, windowMs: number): Promise<{ n: number; window: Window }> {
  const window = windowAt(now, windowMs);
  const row = await db
    .insertInto('rate_counters')
    .values({ bucket, key, window_start: window.start, n: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'key', 'window_start']).doUpdateSet((eb) => ({ n: eb('rate_counters.n', '+', 1) })))
    .returning('n')
    .executeTakeFirstOrThrow();
  return { n: Number(row.n), window };
}

/** The count under (bucket, key) in the window starting at `windowStart`; null when that window has no row. */
export async function readCount(db: Executor, bucket: string, key: string, windowStart: string): Promise<number | null> {
  const row = await db.selectFrom('rate_counters').select('n').where('bucket', '=', bucket).where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
  return row ? Number(row.n) : null;
}

/**
 * Counts one event under (bucket, key) only while it and the count under (alsoBucket, alsoKey) in the same
 * window stay below `limit`, in one statement; false (nothing counted) when there is no room. The row lock
 * the upsert takes makes two instances reserving under the same key see each other.
 */
export async function countEventWithin(db: Executor, bucket: string, key: string, also: { bucket: string; key: string }, limit: number, window: Window): Promise<boolean> {
  const others = sql<number>`(select coalesce(sum(o.n), 0) from rate_counters o where o.bucket = ${also.bucket} and o.key = ${also.key} and o.window_start = ${window.start})`;
  // SQLite needs the WHERE on INSERT … SELECT before ON CONFLICT (https://sqlite.org/lang_upsert.html, parsing ambiguity).
  const r = await sql<{ n: number }>`
    insert into rate_counters (bucket, key, window_start, n)
    select ${bucket}, ${key}, ${window.start}, 1 where ${others} < ${limit}
    on conflict (bucket, key, window_start) do update set n = rate_counters.n + 1 where rate_counters.n + ${others} < ${limit}
    returning n`.execute(db);
  return r.rows.length > 0;
}

/** Takes back one event counted in `windowStart` (a reservation settled). */
export async function uncountEvent(db: Executor, bucket: string, key: string, windowStart: string): Promise<void> {
  await db
    .updateTable('rate_counters')
    .set((eb) => ({ n: eb('n', '-', 1) }))
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('n', '>', 0)
    .execute();
}

/** Deletes windows that started before `before` (the maintenance sweep); no limit looks back that far. */
export async function deleteOldCounters(db: Executor, before: Date): Promise<number> {
  const r = await db.deleteFrom('rate_counters').where('window_start', '<', before.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
