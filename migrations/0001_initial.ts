// The first schema: users, sessions, posts and old slugs, comments (readers' and linkbacks) with their
// history, settings, the durable job queue, the outbound delivery log and the login throttle.
import type { Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'varchar(60)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(250)', (c) => c.notNull())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('sid', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('posts'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('status_before_trash', 'varchar(20)')
    .addColumn('published_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('comment_status', 'varchar(10)', (c) => c.notNull().defaultTo('open'))
    .addColumn('ping_status', 'varchar(10)', (c) => c.notNull().defaultTo('open'))
    .addColumn('to_ping', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notify_links', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('posts_status_date').on('posts').columns(['status', 'published_at']).execute();

  await withId(db, db.schema.createTable('old_slugs'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('old_slugs_slug').on('old_slugs').column('slug').execute();

  await withId(db, db.schema.createTable('comments'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('status_before_trash', 'varchar(20)')
    .addColumn('author_name', 'varchar(250)', (c) => c.notNull().defaultTo(''))
    .addColumn('author_email', 'varchar(254)', (c) => c.notNull().defaultTo(''))
    .addColumn('author_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_url', 'text')
    .addColumn('target_url', 'text')
    .addColumn('title', 'text')
    .addColumn('excerpt', 'text')
    .addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('verification_state', 'varchar(20)', (c) => c.notNull().defaultTo('unverified'))
    .addColumn('verified_at', 'varchar(30)')
    .addColumn('verification_note', 'text')
    .addColumn('moderation_reason', 'text')
    .execute();
  await db.schema.createIndex('comments_post_status').on('comments').columns(['post_id', 'status']).execute();
  await db.schema.createIndex('comments_status_date').on('comments').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('comments_source').on('comments').columns(['post_id', 'source_url']).execute();

  await withId(db, db.schema.createTable('comment_events'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('event', 'varchar(40)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('comment_events_comment').on('comment_events').column('comment_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('jobs'))
    .addColumn('type', 'varchar(60)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('run_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('host', 'varchar(255)')
    .addColumn('dedupe_key', 'varchar(255)', (c) => c.unique())
    .addColumn('locked_by', 'varchar(100)')
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'run_at']).execute();

  await withId(db, db.schema.createTable('deliveries'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('target_url', 'text', (c) => c.notNull())
    .addColumn('protocol', 'varchar(20)')
    .addColumn('endpoint', 'text')
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_answer', 'text')
    .addColumn('next_attempt_at', 'varchar(30)')
    .addColumn('location', 'text')
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('deliveries_post_target', ['post_id', 'kind', 'target_url'])
    .execute();

  await withId(db, db.schema.createTable('login_failures'))
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('username', 'varchar(60)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
