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

/** What a post's author h-card shows (issue 19 point 4): name, username (for the archive link), website and e-mail (for Gravatar), in one query for a whole list. */
export async function authorCards(db: Executor, ids: number[]): Promise<Map<number, Pick<User, 'id' | 'username' | 'display_name' | 'website' | 'email'>>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'website', 'email']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
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
export type UserOrder = 'id' | 'username' | 'display_name' | 'email' | 'created_at';

export function listUsersPage(db: Executor, q: { limit: number; offset: number; role?: User['role']; roles?: User['role'][]; orderBy?: UserOrder; order?: 'asc' | 'desc' }): Promise<User[]> {
  let query = db.selectFrom('users').selectAll();
  if (q.role) query = query.where('role', '=', q.role);
  if (q.roles) query = query.where('role', 'in', q.roles);
  const dir = q.order ?? 'asc';
  return query.orderBy(q.orderBy ?? 'id', dir).orderBy('id', dir).limit(q.limit).offset(q.offset).execute();
}

/** How many accounts hold this role (the users_role index, migration 0020): "is this the last administrator?". */
export async function countUsersWithRole(db: Executor, role: Role): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', role).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ProfileFields {
  displayName: string;
  email: string;
  bio: string;
  website: string;
}

/** Writes the profile (and the role, when given); undefined when the account is gone. */
export function updateUserProfile(db: Executor, id: number, p: ProfileFields & { role?: Role }): Promise<User | undefined> {
  return db
    .updateTable('users')
    .set({ display_name: p.displayName, email: p.email, bio: p.bio, website: p.website, ...(p.role ? { role: p.role } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** A new password, and the next session generation: every session signed in under the old one is signed out. */
export function updatePasswordHash(db: Executor, id: number, passwordHash: string): Promise<User | undefined> {
  return db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, session_generation: eb('session_generation', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * WordPress's wp_delete_user($id, $reassign): everything the user wrote (posts and pages, their revisions,
 * their uploads) is attributed to another account, then the account goes (its autosaves cascade). Each
 * update goes through an index on author_id (posts_author_updated, post_revisions_author_id, media_author_id).
 */
export async function deleteUserReassigning(db: Executor, id: number, toId: number): Promise<{ posts: number }> {
  const posts = await db.updateTable('posts').set({ author_id: toId }).where('author_id', '=', id).executeTakeFirst();
  await db.updateTable('post_revisions').set({ author_id: toId }).where('author_id', '=', id).execute();
  await db.updateTable('media').set({ author_id: toId }).where('author_id', '=', id).execute();
  await db.deleteFrom('users').where('id', '=', id).execute();
  return { posts: Number(posts.numUpdatedRows) };
}

/** How many posts and pages an account wrote (the counter rows of migration 0005, never the posts). */
export async function countPostsOf(db: Executor, id: number): Promise<number> {
  const row = await db.selectFrom('post_counts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.val(0)).as('n')).where('type', 'in', ['post', 'page']).where('author_id', '=', id).where('status', '!=', 'trash').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The account with this e-mail address, compared without case (the privacy exporter, the importer's author
 * matching): the oldest, through the lower(email) index (migration 0021). */
export function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
