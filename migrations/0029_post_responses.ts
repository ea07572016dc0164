// Replies, likes and reposts written here (issue 19 point 4): a post may answer another page, as
// microformats2 says it (https://indieweb.org/in-reply-to, like-of, repost-of). Each is one absolute http(s)
// URL or '' for none; the post page marks it up (u-in-reply-to, u-like-of, u-repost-of) and the outbound scan
// notifies it like a link in the content. Read only with the post row, so no index.
import type { Kysely } from 'kysely';

const COLUMNS = ['in_reply_to', 'like_of', 'repost_of'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('posts').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
