// Issue 19: linkback authors' photos, fetched once per photo URL by a job through the guarded client, cut to
// small squares and served from our own origin (/avatars/…), so no reader's browser asks the author's site.
// One row per photo URL, keyed by the SHA-256 of the URL (a URL may be 2,000 characters: too long for a
// portable unique index): `fetched` with the storage keys of its squares, or `failed` with the reason, after
// which the pages keep the locally drawn face.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('author_photos')
    .addColumn('url_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    // fetched | failed
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    // Media storage keys ("2026/11/avatar-….webp") of the 64 and 128 px squares; null unless fetched.
    .addColumn('key_64', 'varchar(300)')
    .addColumn('key_128', 'varchar(300)')
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
