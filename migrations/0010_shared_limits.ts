// Limits shared by every instance on one database (issue 18 point 5): the inbound per-IP and per-source-host
// counters, the cap on verification fetches in flight, the "same ping being verified" guard and the readers'
// comment limit lived in each process's memory, so N instances gave a sender N times the limit.
//   rate_counters: fixed-window counters, one row per (bucket, key, window start), bumped by one atomic upsert.
//   inbound_leases: short leases with an expiry (a crashed holder's lease lapses): the fetch slots and the
//   (post, source) pairs being verified.
// Both are written on every ping, so they are kept lean: WITHOUT ROWID on SQLite (one b-tree, not a table
// and its key index), UNLOGGED on PostgreSQL (no WAL to write and flush). An unlogged table is emptied after
// a server crash: that forgets a minute of counts and frees the leases, which a crash should do anyway.
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

const unlogged = <T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>) => (isPostgres(db) ? table.modifyFront(sql`unlogged`) : table);
const withoutRowid = <T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>) => (isPostgres(db) ? table : table.modifyEnd(sql`without rowid`));

export async function up(db: Kysely<any>): Promise<void> {
  const counters = unlogged(db, db.schema.createTable('rate_counters'))
    .addColumn('bucket', 'varchar(40)', (c) => c.notNull())
    .addColumn('key', 'varchar(400)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['bucket', 'key', 'window_start']);
  await withoutRowid(db, counters).execute();
  // The daily sweep deletes windows long past by their start.
  await db.schema.createIndex('rate_counters_window').on('rate_counters').column('window_start').execute();

  const leases = unlogged(db, db.schema.createTable('inbound_leases'))
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(64)', (c) => c.notNull())
    .addColumn('until', 'varchar(30)', (c) => c.notNull());
  await withoutRowid(db, leases).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
