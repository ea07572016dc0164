// Issue 16 point 2 (accounts). Roles need no DDL: users.role is a varchar and now also holds 'editor' and
// 'contributor' (src/users/capabilities.ts). The profile gets WordPress's description and user_url, and
// session_generation lets a password change sign out every other session of that user: a session remembers
// the generation it was signed in under, and one older than the account's is no session any more.
// Deleting a user reassigns their revisions: the index keeps that update from scanning every revision.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('bio', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('users').addColumn('website', 'varchar(200)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('users').addColumn('session_generation', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('post_revisions_author_id').on('post_revisions').columns(['author_id']).execute();
  // The Users screen lists accounts by role, and "is this the last administrator?" counts them by role.
  await db.schema.createIndex('users_role').on('users').columns(['role', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
