// Indexes the WXR export walks (issue 17 point 2): a page of posts' comments in (post_id, id) order, resumed
// after the last one seen; the old slugs of a page of posts; tags in id order. Without them every page of the
// export would sort all comments of its posts again, read the whole old_slugs table, and sort every tag.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_post_id_id').on('comments').columns(['post_id', 'id']).execute();
  await db.schema.createIndex('old_slugs_post').on('old_slugs').columns(['post_id', 'id']).execute();
  await db.schema.createIndex('terms_taxonomy_id').on('terms').columns(['taxonomy', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
