// Counts kept on the post row, so that posts/ never reads another feature's tables (issue 12 point 4).
//
// 1. posts.comment_count and posts.mention_count: a post's approved readers' comments and approved linkbacks
//    (pingbacks, trackbacks, webmentions), as WordPress keeps wp_posts.comment_count. The listings read them
//    from the post row instead of counting comments. Triggers on comments keep them, so every writer (the
//    comment form, moderation, bulk actions, the linkback doors, a purge, a script) is covered, including a
//    comment moved to another post (post_id changes) or turned into another kind.
// 2. Deleting a media item unsets it as any post's featured image (WordPress deletes the _thumbnail_id
//    meta that pointed at it). The media repository used to write posts for that; a trigger does it now,
//    before the row goes, in the same statement as the delete.
// Kysely's schema builder has no triggers, so their DDL is written once per dialect (as in 0005 and 0013).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// Which column a kind counts in: readers' comments in comment_count, every linkback in mention_count.
const COLUMN = (prefix: 'NEW' | 'OLD') => `CASE WHEN ${prefix}.kind = 'comment' THEN 1 ELSE 0 END`;
const add = (prefix: 'NEW' | 'OLD', sign: '+' | '-') =>
  `UPDATE posts SET comment_count = comment_count ${sign} ${COLUMN(prefix)}, mention_count = mention_count ${sign} (1 - ${COLUMN(prefix)}) WHERE id = ${prefix}.post_id;`;

const SQLITE_TRIGGERS = [
  `CREATE TRIGGER posts_comment_count_insert AFTER INSERT ON comments WHEN NEW.status = 'approved' BEGIN
     ${add('NEW', '+')}
   END`,
  `CREATE TRIGGER posts_comment_count_delete AFTER DELETE ON comments WHEN OLD.status = 'approved' BEGIN
     ${add('OLD', '-')}
   END`,
  `CREATE TRIGGER posts_comment_count_update_old AFTER UPDATE OF status, kind, post_id ON comments
   WHEN OLD.status = 'approved' AND (NEW.status IS NOT 'approved' OR OLD.kind IS NOT NEW.kind OR OLD.post_id IS NOT NEW.post_id) BEGIN
     ${add('OLD', '-')}
   END`,
  `CREATE TRIGGER posts_comment_count_update_new AFTER UPDATE OF status, kind, post_id ON comments
   WHEN NEW.status = 'approved' AND (OLD.status IS NOT 'approved' OR OLD.kind IS NOT NEW.kind OR OLD.post_id IS NOT NEW.post_id) BEGIN
     ${add('NEW', '+')}
   END`,
  `CREATE TRIGGER media_unset_featured BEFORE DELETE ON media BEGIN
     UPDATE posts SET featured_media_id = NULL WHERE featured_media_id = OLD.id;
   END`,
];

const POSTGRES_TRIGGERS = [
  `CREATE FUNCTION posts_comment_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' AND OLD.status = 'approved' THEN
       ${add('OLD', '-')}
     END IF;
     IF TG_OP <> 'DELETE' AND NEW.status = 'approved' THEN
       ${add('NEW', '+')}
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER posts_comment_count_write AFTER INSERT OR DELETE ON comments FOR EACH ROW EXECUTE FUNCTION posts_comment_count_sync()`,
  `CREATE TRIGGER posts_comment_count_update AFTER UPDATE OF status, kind, post_id ON comments FOR EACH ROW
   WHEN ((OLD.status = 'approved' OR NEW.status = 'approved')
     AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.post_id IS DISTINCT FROM NEW.post_id))
   EXECUTE FUNCTION posts_comment_count_sync()`,
  `CREATE FUNCTION media_unset_featured() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE posts SET featured_media_id = NULL WHERE featured_media_id = OLD.id;
     RETURN OLD;
   END $$`,
  `CREATE TRIGGER media_unset_featured BEFORE DELETE ON media FOR EACH ROW EXECUTE FUNCTION media_unset_featured()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('posts').addColumn('mention_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Backfill from the comments already stored, one statement each (correlated counts through the
  // comments_post_status index), before the triggers exist so nothing is counted twice.
  await sql`UPDATE posts SET
      comment_count = (SELECT count(*) FROM comments c WHERE c.post_id = posts.id AND c.status = 'approved' AND c.kind = 'comment'),
      mention_count = (SELECT count(*) FROM comments c WHERE c.post_id = posts.id AND c.status = 'approved' AND c.kind <> 'comment')`.execute(db);
  for (const ddl of isPostgres(db) ? POSTGRES_TRIGGERS : SQLITE_TRIGGERS) await sql.raw(ddl).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
