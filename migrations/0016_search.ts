// Issue 13 point 4: full-text search over published posts (and pages once posts.type arrives; the index
// follows visibility, not type). posts.search_text holds the content without its HTML (set by the write
// path, posts/repository.ts), so tag names, attributes and URLs in markup are not words a reader can find.
// The index is kept in step by triggers on posts, in the same transaction as every write, and holds only
// rows a reader may find (status 'published'): a post leaving that state leaves the index at once.
//   SQLite: a contentless FTS5 table with contentless_delete (SQLite 3.43+, better-sqlite3 bundles its own)
//     whose rowid is the post id; bm25 ranks with the title weighted above the excerpt above the body.
//   PostgreSQL: posts_search(post_id, document tsvector) with a GIN index; ts_rank over weights A/B/C.
// Both use a language-neutral configuration (unicode61 / 'simple'): a blog's language is not known, and
// stemming one language badly is worse than none. Existing posts are backfilled below.
import * as cheerio from 'cheerio';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

/** Frozen copy of the write path's HTML-to-text (src/search/plain-text.ts) as it was when this shipped. */
function plainText(html: string): string {
  const spaced = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  return cheerio.load(spaced, null, false).text().replace(/\s+/g, ' ').trim();
}

const BATCH = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();

  if (isPostgres(db)) {
    await db.schema
      .createTable('posts_search')
      .addColumn('post_id', 'integer', (c) => c.primaryKey())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX posts_search_document ON posts_search USING gin (document)`.execute(db);
    await sql
      .raw(
        `CREATE FUNCTION posts_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM posts_search WHERE post_id = OLD.id; END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
    INSERT INTO posts_search (post_id, document) VALUES (NEW.id,
      setweight(to_tsvector('simple', NEW.title), 'A') || setweight(to_tsvector('simple', NEW.excerpt), 'B')
        || setweight(to_tsvector('simple', NEW.search_text), 'C'));
  END IF;
  RETURN NULL;
END $$`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER posts_search_sync AFTER INSERT OR DELETE OR UPDATE OF title, excerpt, search_text, status ON posts FOR EACH ROW EXECUTE FUNCTION posts_search_sync()`)
      .execute(db);
  } else {
    await sql
      .raw(`CREATE VIRTUAL TABLE posts_fts USING fts5(title, excerpt, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`)
      .execute(db);
    const insert = `INSERT INTO posts_fts (rowid, title, excerpt, body) SELECT NEW.id, NEW.title, NEW.excerpt, NEW.search_text WHERE NEW.status = 'published';`;
    await sql.raw(`CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN ${insert} END`).execute(db);
    await sql.raw(`CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN DELETE FROM posts_fts WHERE rowid = OLD.id; END`).execute(db);
    await sql
      .raw(`CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, excerpt, search_text, status ON posts BEGIN DELETE FROM posts_fts WHERE rowid = OLD.id; ${insert} END`)
      .execute(db);
  }

  // Backfill: every post gets its text (the triggers index the published ones), a batch at a time by id.
  let after = 0;
  for (;;) {
    const rows: { id: number; content: string }[] = await db.selectFrom('posts').select(['id', 'content']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) break;
    for (const row of rows) await db.updateTable('posts').set({ search_text: plainText(row.content) }).where('id', '=', row.id).execute();
    after = rows[rows.length - 1]!.id;
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
