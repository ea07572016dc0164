// Issue 13 point 2: a page's slug is unique among its siblings, not across the whole posts table, as
// WordPress's wp_unique_post_slug checks hierarchical types (post_parent = %d), so /about/team/ and
// /jobs/team/ can coexist; a post's slug stays unique among posts (the /%postname%/ structure needs it).
// Migration 0001 made posts.slug UNIQUE; this replaces that constraint with two partial unique indexes
// and a plain index for lookups by slug; and (type, id) for wp.getPageList's walk of every page in id order.
//
// PostgreSQL drops the constraint. SQLite cannot drop a column constraint, so the table is rebuilt by
// SQLite's own procedure (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off, the
// CREATE TABLE as stored minus that UNIQUE, rows copied with their ids, the old table dropped, the new one
// renamed, then every index and trigger the table had (migrations 0005-0019 and any later one) recreated
// from sqlite_master's own text, so nothing written by another migration is lost. legacy_alter_table keeps
// the rename from rewriting triggers of other tables that name posts (0013's). The FTS5 index (0016) is a
// separate table keyed by post id, and ids are kept, so it needs nothing. It runs in one transaction and
// checks the foreign keys before committing.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

const NEW_INDEXES = [
  // Lookups by slug of any type (the resolver's post slug and moved-page guesses).
  `CREATE INDEX posts_slug ON posts (slug)`,
  `CREATE UNIQUE INDEX posts_post_slug_unique ON posts (slug) WHERE type = 'post'`,
  // Top-level pages have no parent: 0 stands for it, since NULLs are distinct in a unique index.
  `CREATE UNIQUE INDEX posts_page_sibling_slug_unique ON posts (coalesce(parent_id, 0), slug) WHERE type = 'page'`,
  // wp.getPageList walks every page in id order (WordPress's ORDER BY ID), a batch at a time.
  `CREATE INDEX posts_type_id ON posts (type, id)`,
];

async function rebuildSqlite(db: Kysely<any>): Promise<void> {
  const table = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'posts'`.execute(db);
  const createSql = table.rows[0]?.sql ?? '';
  const withoutUnique = createSql.replace(/("slug" varchar\(200\) not null) unique/i, '$1');
  if (withoutUnique === createSql) throw new Error('0026: posts.slug is not declared as 0001 declared it; refusing to rebuild posts');
  const rebuilt = withoutUnique.replace(/^create table "posts"/i, 'create table "posts_rebuilt"');
  if (rebuilt === withoutUnique) throw new Error('0026: unexpected CREATE TABLE text for posts');
  const dependents = await sql<{ type: string; name: string; sql: string }>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'posts' AND type IN ('index', 'trigger') AND sql IS NOT NULL`.execute(db);
  const sequence = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'posts'`.execute(db);

  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  await sql`PRAGMA legacy_alter_table = ON`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await sql.raw(rebuilt).execute(db);
      await sql`INSERT INTO posts_rebuilt SELECT * FROM posts`.execute(db);
      await sql`DROP TABLE posts`.execute(db);
      await sql`ALTER TABLE posts_rebuilt RENAME TO posts`.execute(db);
      // Indexes before triggers: a trigger body may rely on none, but keep the original order otherwise.
      const ordered = [...dependents.rows.filter((r) => r.type === 'index'), ...dependents.rows.filter((r) => r.type === 'trigger')];
      for (const row of ordered) await sql.raw(row.sql).execute(db);
      for (const ddl of NEW_INDEXES) await sql.raw(ddl).execute(db);
      const seq = sequence.rows[0]?.seq;
      if (seq !== undefined) await sql`UPDATE sqlite_sequence SET seq = max(seq, ${seq}) WHERE name = 'posts'`.execute(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length) throw new Error(`0026: foreign keys broken by the rebuild: ${JSON.stringify(broken.rows.slice(0, 5))}`);
      await sql`COMMIT`.execute(db);
    } catch (error) {
      await sql`ROLLBACK`.execute(db);
      throw error;
    }
  } finally {
    await sql`PRAGMA legacy_alter_table = OFF`.execute(db);
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return rebuildSqlite(db);
  const found = await sql<{ conname: string }>`
    SELECT c.conname FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.conrelid = 'posts'::regclass AND c.contype = 'u' AND array_length(c.conkey, 1) = 1 AND a.attname = 'slug'`.execute(db);
  for (const { conname } of found.rows) await sql`ALTER TABLE posts DROP CONSTRAINT ${sql.id(conname)}`.execute(db);
  for (const ddl of NEW_INDEXES) await sql.raw(ddl).execute(db);
  await sql`ANALYZE posts`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
