// The site generation (issue 11 point 3): one row whose counter goes up, in the same transaction, with every
// write that changes what an anonymous reader sees — a published post, an approved comment or linkback, a
// setting, an author's name. Page and settings caches compare it (one primary-key read) so a write from any
// process (the worker, a CLI import, another instance on PostgreSQL) invalidates every instance's cache.
// Database triggers do the bumping: no write path, present or future, can forget it, and a script that
// writes straight into the tables is covered too. Kysely's schema builder has no triggers, so their DDL is
// written once per dialect below; the table itself uses the builder.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/** Table → the rows whose change is visible on the public site (null: every row). */
const WATCHED: { table: string; visible: string | null }[] = [
  { table: 'posts', visible: "status = 'published'" },
  { table: 'comments', visible: "status = 'approved'" },
  { table: 'settings', visible: null },
  { table: 'users', visible: null },
];

const row = (prefix: 'NEW' | 'OLD', visible: string | null) => (visible ? `${prefix}.${visible}` : 'TRUE');

function conditions(visible: string | null): Record<'INSERT' | 'UPDATE' | 'DELETE', string> {
  return { INSERT: row('NEW', visible), UPDATE: `(${row('OLD', visible)}) OR (${row('NEW', visible)})`, DELETE: row('OLD', visible) };
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.insertInto('site_generation').values({ id: 1, generation: 1, changed_at: new Date().toISOString() }).execute();

  if (isPostgres(db)) {
    await sql
      .raw(
        `CREATE FUNCTION bump_site_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE site_generation SET generation = generation + 1,
    changed_at = to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE id = 1;
  RETURN NULL;
END $$`,
      )
      .execute(db);
    for (const { table, visible } of WATCHED) {
      for (const [event, when] of Object.entries(conditions(visible))) {
        await sql
          .raw(`CREATE TRIGGER ${table}_site_generation_${event.toLowerCase()} AFTER ${event} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION bump_site_generation()`)
          .execute(db);
      }
    }
    return;
  }
  for (const { table, visible } of WATCHED) {
    for (const [event, when] of Object.entries(conditions(visible))) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_site_generation_${event.toLowerCase()} AFTER ${event} ON ${table} FOR EACH ROW WHEN ${when}
BEGIN UPDATE site_generation SET generation = generation + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1; END`,
        )
        .execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
