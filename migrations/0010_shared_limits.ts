// Limits shared by every instance on one database (issue 18 point 5): the inbound per-IP and per-source-host
// counters, the cap on verification fetches in flight, the "same ping being verified" guard and the readers'
// comment limit lived in each process's memory, so N instances gave a sender N times the limit.
//   rate_counters: fixed-window counters, one row per (bucket, key, window start), bumped by one atomic upsert.
//   inbound_leases: short leases with an expiry (a crashed holder's lease lapses): the fetch slots and the
//   (post, source) pairs being verified.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .addColumn('bucket', 'varchar(40)', (c) => c.notNull())
    .addColumn('key', 'varchar(400)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['bucket', 'key', 'window_start'])
    .execute();
  // The daily sweep deletes windows long past by their start.
  await db.schema.createIndex('rate_counters_window').on('rate_counters').column('window_start').execute();

  await db.schema
    .createTable('inbound_leases')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(64)', (c) => c.notNull())
    .addColumn('until', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
