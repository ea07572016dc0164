// Issue 13 point 3, WordPress's post states: a post password (post_password; empty = none, as WordPress
// stores it) and "stick to the front page" (WordPress keeps the sticky_posts option; a column here, so the
// home page finds its sticky posts through an index instead of reading a growing list). The statuses
// 'pending' and 'private' need no DDL: status is a varchar, and the counter triggers (migration 0005) count
// any status they meet. The site generation (0006) already watches every published row, password and
// sticky included; private rows are never visible to anonymous readers, so they need no bump.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('password', 'varchar(255)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('posts').addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The home page's first page: its sticky posts (published, and private for those who may see them),
  // newest first, read through this index and never by scanning the posts.
  await db.schema.createIndex('posts_sticky_status_date').on('posts').columns(['sticky', 'status', 'published_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
