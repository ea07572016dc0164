// Users table queries.
import type { Executor } from '../db/database.js';
import type { Role, User } from '../db/schema.js';

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findUserByName(db: Executor, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Executor,
  u: { username: string; displayName: string; email: string; passwordHash: string; role: Role; createdAt: string },
): Promise<User> {
  return db
    .insertInto('users')
    .values({ username: u.username, display_name: u.displayName, email: u.email, password_hash: u.passwordHash, role: u.role, created_at: u.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts the user unless the username is taken (by a concurrent writer too); undefined when it was. */
export async function insertUserUnlessTaken(
  db: Executor,
  u: { username: string; displayName: string; email: string; passwordHash: string; role: Role; createdAt: string },
): Promise<User | undefined> {
  return db
    .insertInto('users')
    .values({ username: u.username, display_name: u.displayName, email: u.email, password_hash: u.passwordHash, role: u.role, created_at: u.createdAt })
    .onConflict((oc) => oc.column('username').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function listUsers(db: Executor): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('id').execute();
}

/** One page of accounts, in id order (wp.getUsers' number and offset); optionally one role only. */
export function listUsersPage(db: Executor, q: { limit: number; offset: number; role?: User['role'] }): Promise<User[]> {
  let query = db.selectFrom('users').selectAll();
  if (q.role) query = query.where('role', '=', q.role);
  return query.orderBy('id').limit(q.limit).offset(q.offset).execute();
}
