// Indexes the moderation rules and panel lean on: the flood check reads comments of the last 15 seconds,
// "previously approved" looks up approved comments by email, and the panel filters by kind and status.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_created').on('comments').column('created_at').execute();
  await db.schema.createIndex('comments_kind_status').on('comments').columns(['kind', 'status']).execute();
  await db.schema.createIndex('comments_status_email').on('comments').columns(['status', 'author_email']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
