// WordPress import, second round (issue 17 point 1): attachments fetched from the old site, and authors mapped
// by the administrator before the import starts.
//
// - import_fetches: one row per attachment to fetch from its wp:attachment_url (source + WordPress id, unique,
//   so a second import of the same file queues nothing twice). Its state is pending | fetched | failed, its
//   error the last failure in words; the import's run page counts them by run_id and state.
// - import_fetch_uses: the posts that link to a pending attachment (featured = its _thumbnail_id), so the
//   fetch job rewrites exactly those once the file is in the media library.
// - import_runs.options: what the administrator chose (fetch attachments, the authors' mapping), as JSON.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('import_fetches'))
    .addColumn('source', 'varchar(500)', (c) => c.notNull())
    .addColumn('wp_id', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'integer')
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('file', 'varchar(1000)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('wp_parent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('site_urls', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('media_id', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_fetches_key').unique().on('import_fetches').columns(['source', 'wp_id']).execute();
  await db.schema.createIndex('import_fetches_run').on('import_fetches').columns(['run_id', 'state']).execute();

  await withId(db, db.schema.createTable('import_fetch_uses'))
    .addColumn('fetch_id', 'integer', (c) => c.notNull())
    .addColumn('post_id', 'integer', (c) => c.notNull())
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('import_fetch_uses_key').unique().on('import_fetch_uses').columns(['fetch_id', 'post_id', 'featured']).execute();

  await db.schema.alterTable('import_runs').addColumn('options', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
