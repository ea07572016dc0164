// The users queries mail needs (issue 16): who moderates (notified of held comments), the account a
// "Lost your password?" request names. The new password a reset link sets goes through
// repository.ts's updatePasswordHash, which also moves the session generation. A file of its own beside
// repository.ts, so the accounts work on users/ and this can land in either order.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { User } from '../db/schema.js';

export type MailUser = Pick<User, 'id' | 'username' | 'display_name' | 'email' | 'role'>;

/** Bounded: a blog has a handful of moderators; 100 keeps one notice from becoming a mass mailing. */
export const MAX_MODERATORS_NOTIFIED = 100;

/**
 * Administrators and editors with an address: WordPress mails the admin address and, since 4.4, everyone
 * who may moderate the comment (wp_notify_moderator). The role is compared as a string: 'editor' comes
 * with the accounts work (issue 16 point 2).
 */
export function moderatorsForMail(db: Executor): Promise<MailUser[]> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'email', 'role'])
    .where(sql<boolean>`role in ('admin', 'editor')`)
    .where('email', '!=', '')
    .orderBy('id')
    .limit(MAX_MODERATORS_NOTIFIED)
    .execute();
}

export function findMailUser(db: Executor, id: number): Promise<MailUser | undefined> {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'email', 'role']).where('id', '=', id).executeTakeFirst();
}

/**
 * The account "Lost your password?" names: by user name, else by e-mail address regardless of case (as
 * WordPress's retrieve_password() tries both). Both lookups are indexed (username unique; lower(email),
 * migration 0021); an address shared by several accounts names the oldest.
 */
export async function findUserByLogin(db: Executor, login: string): Promise<MailUser | undefined> {
  const byName = await db.selectFrom('users').select(['id', 'username', 'display_name', 'email', 'role']).where('username', '=', login).executeTakeFirst();
  if (byName || !login.includes('@')) return byName;
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'email', 'role'])
    .where(sql`lower(email)`, '=', login.toLowerCase())
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
