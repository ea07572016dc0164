// Queries on the sessions table, for the session store (session-store.ts) and the daily maintenance sweep.
import type { Executor } from '../db/database.js';

/** userId: whose session it is (null before sign-in), so a password reset can end all of them (migration 0021). */
export async function saveSession(db: Executor, sid: string, data: string, expiresAt: string, userId: number | null = null): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ sid, data, expires_at: expiresAt, user_id: userId })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at: expiresAt, user_id: userId }))
    .execute();
}

/** Signs a user out everywhere (a password reset): one indexed delete on sessions.user_id. */
export async function deleteUserSessions(db: Executor, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function findSession(db: Executor, sid: string): Promise<{ data: string; expires_at: string } | undefined> {
  return db.selectFrom('sessions').select(['data', 'expires_at']).where('sid', '=', sid).executeTakeFirst();
}

export async function deleteSession(db: Executor, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

/** Deletes sessions past their expiry (the daily maintenance job): a session nobody can use is dead weight. */
export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
