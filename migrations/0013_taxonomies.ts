// Categories and tags (issue 13 point 1), WordPress's two built-in taxonomies: one terms table (a taxonomy
// column, slugs unique per taxonomy, a parent for the category tree) and one table relating posts to terms.
//
// Counts: WordPress's term count is the number of *published* posts filed under the term
// (_update_post_term_count counts post_status = 'publish'). Each relationship row carries its post's date
// while the post is published, NULL otherwise; triggers keep that column and the count in step whoever
// writes (the editor, XML-RPC, the scheduler's publish, a trash, a delete cascading from posts, an import
// script), as migration 0005 does for the other counters. The same column makes a term archive one walk of
// the (term_id, published_at) index, newest first, with no sort and no join to filter.
//
// The default category ("Uncategorized", WordPress's default_category option) is flagged by is_default:
// it can be renamed but not deleted, and every existing post is filed under it, as WordPress files every
// post that has no category.
import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.js';

/** The value a relationship's published_at takes from its post: the post's date while published. */
const POST_DATE_SQLITE = `(SELECT CASE WHEN p.status = 'published' THEN coalesce(p.published_at, p.created_at) END FROM posts p WHERE p.id = NEW.post_id)`;
const BUMP_SQLITE = `UPDATE site_generation SET generation = generation + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;`;

const SQLITE_TRIGGERS = [
  // Counted as written, then corrected to the post's real state (the correction fires the update trigger).
  `CREATE TRIGGER term_relationships_insert AFTER INSERT ON term_relationships BEGIN
     UPDATE terms SET count = count + 1 WHERE id = NEW.term_id AND NEW.published_at IS NOT NULL;
     UPDATE term_relationships SET published_at = ${POST_DATE_SQLITE}
       WHERE post_id = NEW.post_id AND term_id = NEW.term_id AND published_at IS NOT ${POST_DATE_SQLITE};
   END`,
  `CREATE TRIGGER term_relationships_update AFTER UPDATE OF term_id, published_at ON term_relationships
   WHEN OLD.term_id IS NOT NEW.term_id OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL) BEGIN
     UPDATE terms SET count = count - 1 WHERE id = OLD.term_id AND OLD.published_at IS NOT NULL;
     UPDATE terms SET count = count + 1 WHERE id = NEW.term_id AND NEW.published_at IS NOT NULL;
   END`,
  `CREATE TRIGGER term_relationships_delete AFTER DELETE ON term_relationships BEGIN
     UPDATE terms SET count = count - 1 WHERE id = OLD.term_id AND OLD.published_at IS NOT NULL;
   END`,
  `CREATE TRIGGER posts_term_dates AFTER UPDATE OF status, published_at, created_at ON posts BEGIN
     UPDATE term_relationships SET published_at = CASE WHEN NEW.status = 'published' THEN coalesce(NEW.published_at, NEW.created_at) END
       WHERE post_id = NEW.id AND published_at IS NOT (CASE WHEN NEW.status = 'published' THEN coalesce(NEW.published_at, NEW.created_at) END);
   END`,
  // Site generation (migration 0006): a term's name, slug or tree shows on every page that lists it; a
  // relationship shows when its post is public.
  `CREATE TRIGGER terms_site_generation_insert AFTER INSERT ON terms BEGIN ${BUMP_SQLITE} END`,
  `CREATE TRIGGER terms_site_generation_update AFTER UPDATE ON terms BEGIN ${BUMP_SQLITE} END`,
  `CREATE TRIGGER terms_site_generation_delete AFTER DELETE ON terms BEGIN ${BUMP_SQLITE} END`,
  `CREATE TRIGGER term_relationships_site_generation_insert AFTER INSERT ON term_relationships WHEN NEW.published_at IS NOT NULL BEGIN ${BUMP_SQLITE} END`,
  `CREATE TRIGGER term_relationships_site_generation_update AFTER UPDATE ON term_relationships
   WHEN OLD.published_at IS NOT NULL OR NEW.published_at IS NOT NULL BEGIN ${BUMP_SQLITE} END`,
  `CREATE TRIGGER term_relationships_site_generation_delete AFTER DELETE ON term_relationships WHEN OLD.published_at IS NOT NULL BEGIN ${BUMP_SQLITE} END`,
];

const POSTGRES_TRIGGERS = [
  // The relationship takes its post's state whatever the writer put there.
  `CREATE FUNCTION term_relationships_post_date() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     SELECT CASE WHEN p.status = 'published' THEN coalesce(p.published_at, p.created_at) END INTO NEW.published_at
       FROM posts p WHERE p.id = NEW.post_id;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER term_relationships_post_date BEFORE INSERT ON term_relationships FOR EACH ROW EXECUTE FUNCTION term_relationships_post_date()`,
  `CREATE FUNCTION term_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' AND OLD.published_at IS NOT NULL THEN
       UPDATE terms SET count = count - 1 WHERE id = OLD.term_id;
     END IF;
     IF TG_OP <> 'DELETE' AND NEW.published_at IS NOT NULL THEN
       UPDATE terms SET count = count + 1 WHERE id = NEW.term_id;
     END IF;
     IF (TG_OP <> 'INSERT' AND OLD.published_at IS NOT NULL) OR (TG_OP <> 'DELETE' AND NEW.published_at IS NOT NULL) THEN
       PERFORM bump_site_generation_now();
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE FUNCTION bump_site_generation_now() RETURNS void LANGUAGE sql AS $$
     UPDATE site_generation SET generation = generation + 1,
       changed_at = to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE id = 1
   $$`,
  `CREATE TRIGGER term_relationships_counts AFTER INSERT OR DELETE ON term_relationships FOR EACH ROW EXECUTE FUNCTION term_counts_sync()`,
  `CREATE TRIGGER term_relationships_counts_update AFTER UPDATE OF term_id, published_at ON term_relationships FOR EACH ROW
   WHEN (OLD.term_id IS DISTINCT FROM NEW.term_id OR OLD.published_at IS DISTINCT FROM NEW.published_at) EXECUTE FUNCTION term_counts_sync()`,
  `CREATE FUNCTION posts_term_dates() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE d varchar(30) := CASE WHEN NEW.status = 'published' THEN coalesce(NEW.published_at, NEW.created_at) END;
   BEGIN
     UPDATE term_relationships SET published_at = d WHERE post_id = NEW.id AND published_at IS DISTINCT FROM d;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER posts_term_dates AFTER UPDATE OF status, published_at, created_at ON posts FOR EACH ROW EXECUTE FUNCTION posts_term_dates()`,
  // bump_site_generation() is migration 0006's.
  `CREATE TRIGGER terms_site_generation AFTER INSERT OR UPDATE OR DELETE ON terms FOR EACH ROW EXECUTE FUNCTION bump_site_generation()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('terms'))
    .addColumn('taxonomy', 'varchar(20)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_id', 'integer', (c) => c.references('terms.id'))
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('terms_taxonomy_slug', ['taxonomy', 'slug'])
    .execute();
  // Admin lists and XML-RPC term lists by name; a category's children.
  await db.schema.createIndex('terms_taxonomy_name').on('terms').columns(['taxonomy', 'name']).execute();
  await db.schema.createIndex('terms_parent').on('terms').columns(['parent_id']).execute();

  await db.schema
    .createTable('term_relationships')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('term_id', 'integer', (c) => c.notNull().references('terms.id').onDelete('cascade'))
    .addColumn('published_at', 'varchar(30)')
    .addPrimaryKeyConstraint('term_relationships_pk', ['post_id', 'term_id'])
    .execute();
  // A term archive: its published posts, newest first.
  await db.schema.createIndex('term_relationships_term_date').on('term_relationships').columns(['term_id', 'published_at', 'post_id']).execute();

  for (const ddl of isPostgres(db) ? POSTGRES_TRIGGERS : SQLITE_TRIGGERS) await sql.raw(ddl).execute(db);

  const uncategorized = await db
    .insertInto('terms')
    .values({ taxonomy: 'category', name: 'Uncategorized', slug: 'uncategorized', description: '', parent_id: null, count: 0, is_default: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('term_relationships')
    .columns(['post_id', 'term_id'])
    .expression(db.selectFrom('posts').select(['id', sql.lit(uncategorized.id).as('term_id')]))
    .execute();
  if (isPostgres(db)) await sql`analyze terms, term_relationships`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
