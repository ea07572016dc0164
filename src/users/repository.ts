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

/** The names readers see for these authors (display name, else username), in one query for a whole list. */
export async function authorNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name || r.username]));
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

/** An account by email, case-insensitively (the WordPress importer matches authors by login, then email). Users are few: no index needed. */
export function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .orderBy('id')
    .executeTakeFirst();
}
