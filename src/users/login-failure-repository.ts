// Queries on login_failures, the failed-login throttle's rows (login-throttle.ts decides; this reads and writes).
import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';

export interface FailureStats {
  n: number | string | bigint;
  first: unknown;
  last: unknown;
}

/** PostgreSQL: SHARE ROW EXCLUSIVE conflicts with itself, so one attempt at a time reads the counts and adds its row. */
export async function lockLoginFailures(db: Executor, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`lock table login_failures in share row exclusive mode`.execute(db);
}

/** How many failures since `since` match (by address, account or both), and the first and last one's time. */
export function failureStats(db: Executor, since: string, by: { ip?: string; username?: string }): Promise<FailureStats> {
  let q = db.selectFrom('login_failures').where('at', '>=', since);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  return q.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('first'), eb.fn.max('at').as('last')]).executeTakeFirstOrThrow();
}

export async function insertLoginFailure(db: Executor, ip: string, username: string, at: string): Promise<number> {
  const row = await db.insertInto('login_failures').values({ ip, username, at }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function deleteLoginFailure(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('login_failures').where('id', '=', id).execute();
}

export async function deleteLoginFailuresBefore(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('login_failures').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
