// Application passwords (issue 16 point 5, WordPress 5.6+): named, revocable passwords a user gives an
// XML-RPC client instead of the account password. Only a hash is stored (users/application-password-format.ts
// says which and why); (user_id, password_hash) is unique and serves both the check (one indexed lookup)
// and the user's list. No trigger moves the site generation: nothing public shows these rows, and recording
// their use must not drop the page cache.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('application_passwords'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .addColumn('last_ip', 'varchar(64)')
    .execute();
  await db.schema.createIndex('application_passwords_user_hash').on('application_passwords').columns(['user_id', 'password_hash']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
