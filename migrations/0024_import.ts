// WordPress import (issue 17 point 1): what was imported from where, so a second import of the same file
// creates nothing twice; the old WordPress addresses that answer 301 to the new permalinks; and the import
// runs the admin follows with a progress bar.
//
// - import_map: one row per WordPress object imported (source = the export's base_site_url, kind = post |
//   comment | term | user | media, wp_key = the WordPress id or GUID). Unique per (source, kind, wp_key).
// - old_paths: a normalised old address (decoded path segments joined by "/", e.g. "2025/01/14/hello", or
//   "?p=186" for WordPress's query-string links) → the imported post. Looked up by the path resolver last,
//   before a 404; one indexed read.
// - import_runs: one admin import: the files on disk, its state, its progress and its final report (JSON).
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('import_map'))
    .addColumn('source', 'varchar(500)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('wp_key', 'varchar(500)', (c) => c.notNull())
    .addColumn('local_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_map_key').unique().on('import_map').columns(['source', 'kind', 'wp_key']).execute();

  await withId(db, db.schema.createTable('old_paths'))
    .addColumn('path', 'varchar(2000)', (c) => c.notNull())
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('old_paths_path').unique().on('old_paths').column('path').execute();
  await db.schema.createIndex('old_paths_post').on('old_paths').column('post_id').execute();

  await withId(db, db.schema.createTable('import_runs'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('file_path', 'varchar(2000)', (c) => c.notNull())
    .addColumn('uploads_path', 'varchar(2000)')
    .addColumn('file_name', 'varchar(500)', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phase', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('report', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
