// Semantic linkbacks (issue 19 point 1): what a linkback's source says it is, read from its microformats2
// (post-type discovery: reply, like, repost, bookmark, rsvp, else mention), who wrote it (the authorship
// algorithm's h-card: name, URL, photo URL), when, its own permalink and its content (sanitised HTML, cut to
// the mention_content_length setting). All null where the source has no mf2 (the title and excerpt then
// stand alone, as before). The post page reads reactions with comments_post_mention_type (post, status,
// mention type, date), so the facepile's counts and faces are index walks of one post.
import type { Kysely } from 'kysely';

const COLUMNS = ['mention_type', 'mention_rsvp', 'mention_url', 'mention_author_name', 'mention_author_url', 'mention_author_photo', 'mention_published', 'mention_content'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('comments').addColumn(column, 'text').execute();
  await db.schema
    .createIndex('comments_post_mention_type')
    .on('comments')
    .columns(['post_id', 'status', 'mention_type', 'created_at', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
