// Privacy tools and IP retention (issue 16 point 6).
// 1. comments_email_lower (lower(author_email), id): the exporter and the eraser find one commenter's rows
//    by e-mail address, matched without regard to case as WordPress's (MySQL's) comparison does, and page
//    through them by id; the cost is that person's comments, never the blog's.
// 2. comments_ip_kept (created_at) WHERE ip <> '': the retention job blanks the oldest addresses still kept.
//    Partial, so a blanked row leaves the index: each batch starts at the first row still to do instead of
//    stepping over every comment already blanked (which a plain created_at index would, more each day).
// Both dialects take expression and partial indexes with the same DDL.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX comments_email_lower ON comments (lower(author_email), id)`.execute(db);
  await sql`CREATE INDEX comments_ip_kept ON comments (created_at) WHERE ip <> ''`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
