// Issue 14: the media library. `media` is one upload (what the library lists); `media_files` is every stored
// file of it (the original and each generated size), looked up by its public path when /uploads/ serves it;
// `media_chunks` holds the bytes when the storage is the database (PostgreSQL, several instances), 256 KB a
// row so no single value holds a whole file. posts.featured_media_id is WordPress's _thumbnail_id.
import type { Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('media'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('alt', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('original_name', 'varchar(300)', (c) => c.notNull())
    // The post an XML-RPC client uploaded it for (WordPress's post_parent); null when none.
    .addColumn('parent_id', 'integer')
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    // image | audio | video | document: the library's type filter.
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // The original's public path under /uploads/ ("2026/11/3f9c….jpg").
    .addColumn('path', 'varchar(300)', (c) => c.notNull().unique())
    // "YYYY-MM" of the upload: the library's month filter and the folder of its files.
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    // processing (sizes being made by the job) | ready
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // The library walks newest first (id desc) within a type, a month or an author, and stops at its page.
  await db.schema.createIndex('media_kind_id').on('media').columns(['kind', 'id']).execute();
  await db.schema.createIndex('media_month_id').on('media').columns(['month', 'id']).execute();
  await db.schema.createIndex('media_kind_month_id').on('media').columns(['kind', 'month', 'id']).execute();
  await db.schema.createIndex('media_author_id').on('media').columns(['author_id', 'id']).execute();
  await db.schema.createIndex('media_parent_id').on('media').columns(['parent_id', 'id']).execute();
  // wp.uploadFile's overwrite finds the earlier upload by its file name, as WordPress does.
  await db.schema.createIndex('media_original_name').on('media').column('original_name').execute();

  await db.schema
    .createTable('media_files')
    .addColumn('path', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    // original | thumbnail | medium | large, with "-webp" for the WebP copies
    .addColumn('variant', 'varchar(40)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .execute();
  await db.schema.createIndex('media_files_media').on('media_files').columns(['media_id', 'variant']).execute();

  await db.schema
    .createTable('media_chunks')
    .addColumn('path', 'varchar(300)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_chunks_pk', ['path', 'seq'])
    .execute();

  await db.schema.alterTable('posts').addColumn('featured_media_id', 'integer').execute();
  // Deleting a media item unsets it wherever it is featured, without reading every post.
  await db.schema.createIndex('posts_featured_media').on('posts').column('featured_media_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
