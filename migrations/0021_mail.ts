// Mail (issue 16 point 3) and "Lost your password?" (point 2):
//   mail_tokens: the single-use links mails carry (approve / spam / trash a held comment, reset a password).
//   Only a keyed hash of each token is stored (src/mail/tokens.ts), so the table alone opens nothing; used_at
//   spends a token, expires_at bounds it, and a group spends the three moderation links of one mail together.
//   sessions.user_id: whose session a row is, so a password reset signs that user out everywhere with one
//   indexed delete instead of reading every session's JSON.
//   users_email_lower: "Lost your password?" finds an account by its e-mail address, in any case.
import { sql, type Kysely } from 'kysely';
import { withId } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('mail_tokens'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('purpose', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('group_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('mail_tokens_group').on('mail_tokens').column('group_key').execute();
  await db.schema.createIndex('mail_tokens_subject').on('mail_tokens').columns(['purpose', 'subject_id']).execute();
  await db.schema.createIndex('mail_tokens_expires').on('mail_tokens').column('expires_at').execute();

  await db.schema.alterTable('sessions').addColumn('user_id', 'integer').execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
  await db.schema.createIndex('users_email_lower').on('users').expression(sql`lower(email), id`).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
