// Indexes for issue 10: the failed-login throttle counts failures per address and per account within a
// window on every login attempt, and the daily maintenance job deletes expired sessions by expiry time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('login_failures_ip_at').on('login_failures').columns(['ip', 'at']).execute();
  await db.schema.createIndex('login_failures_username_at').on('login_failures').columns(['username', 'at']).execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
