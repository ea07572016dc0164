// Issue 15 (writing): each post remembers its source format and, for Markdown, the source the author typed
// (posts.content stays the rendered, sanitised HTML every reader of posts uses). Revisions are a copy of the
// writing at every save, as WordPress's revision posts; an autosave is one copy per user per post (post_id 0
// for a post not yet saved), overwritten every few seconds while typing, never the published post.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('format', 'varchar(20)', (c) => c.notNull().defaultTo('html')).execute();
  await db.schema.alterTable('posts').addColumn('source', 'text', (c) => c.notNull().defaultTo('')).execute();

  await withId(db, db.schema.createTable('post_revisions'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(20)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // The revisions screen and pruning walk one post's revisions newest first.
  await db.schema.createIndex('post_revisions_post_id').on('post_revisions').columns(['post_id', 'id']).execute();

  await withId(db, db.schema.createTable('post_autosaves'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // 0 while the post has never been saved (no foreign key for that reason).
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('post_autosaves_user_post', ['user_id', 'post_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
