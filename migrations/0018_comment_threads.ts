// Threaded readers' comments (issue 16 point 1), as WordPress's comment_parent: parent_id is the comment a
// reply answers, thread_id the top-level comment its thread starts at (null on top-level comments and on
// linkbacks). The post page pages through top-level threads and then reads the replies of the threads it
// shows, both through comments_post_thread (post, status, kind, thread, date), so neither walks the post's
// other comments. No foreign key: a purged parent leaves its replies in place (they are then not shown,
// since their thread's top-level comment is gone), and SQLite cannot add one to an existing table anyway.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('parent_id', 'integer').execute();
  await db.schema.alterTable('comments').addColumn('thread_id', 'integer').execute();
  await db.schema
    .createIndex('comments_post_thread')
    .on('comments')
    .columns(['post_id', 'status', 'kind', 'thread_id', 'created_at', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
