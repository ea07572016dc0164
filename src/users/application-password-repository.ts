// Queries on application_passwords (migration 0022). Every read starts at one user through the unique
// (user_id, password_hash) index, and a user holds at most MAX_APPLICATION_PASSWORDS rows.
import type { Executor } from '../db/database.js';
import type { ApplicationPassword } from '../db/schema.js';

export const MAX_APPLICATION_PASSWORDS = 50;

export function listApplicationPasswords(db: Executor, userId: number): Promise<ApplicationPassword[]> {
  return db.selectFrom('application_passwords').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(MAX_APPLICATION_PASSWORDS).execute();
}

export async function countApplicationPasswords(db: Executor, userId: number): Promise<number> {
  const row = await db.selectFrom('application_passwords').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function applicationPasswordNameTaken(db: Executor, userId: number, name: string): Promise<boolean> {
  const row = await db.selectFrom('application_passwords').select('id').where('user_id', '=', userId).where('name', '=', name).limit(1).executeTakeFirst();
  return row !== undefined;
}

export function insertApplicationPassword(db: Executor, row: { userId: number; name: string; passwordHash: string; createdAt: string }): Promise<ApplicationPassword> {
  return db
    .insertInto('application_passwords')
    .values({ user_id: row.userId, name: row.name, password_hash: row.passwordHash, created_at: row.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findApplicationPasswordByHash(db: Executor, userId: number, passwordHash: string): Promise<ApplicationPassword | undefined> {
  return db.selectFrom('application_passwords').selectAll().where('user_id', '=', userId).where('password_hash', '=', passwordHash).executeTakeFirst();
}

/** Records a use unless one was recorded since `notSince` (another instance may have just written it). */
export async function recordApplicationPasswordUse(db: Executor, id: number, at: string, ip: string, notSince: string): Promise<void> {
  await db
    .updateTable('application_passwords')
    .set({ last_used_at: at, last_ip: ip.slice(0, 64) })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', notSince)]))
    .execute();
}

/** Deletes one of the user's passwords; false when the user has no such password. */
export async function deleteApplicationPassword(db: Executor, userId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('application_passwords').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteAllApplicationPasswords(db: Executor, userId: number): Promise<number> {
  const r = await db.deleteFrom('application_passwords').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
