// Issue 13, point 2: static pages live in the posts table beside posts, as WordPress's post_type does.
// posts.type is 'post' or 'page'; a page has a parent page (parent_id), a menu order and its whole path
// (page_path, "about/team") kept by the write path, so "which page is /about/team/" is one indexed lookup
// and a page's permalink needs no walk up its ancestors. Slugs stay unique across the whole table (the
// 0001 UNIQUE constraint cannot be dropped on SQLite without rebuilding posts), which is stricter than
// WordPress's "unique among siblings" and means a post-name permalink can never be ambiguous.
//
// The counters of migration 0005 learn the type: post_counts gains it in its key (the dashboard and the
// posts list count posts, the pages list counts pages), and the month archive counts posts only.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

// Every listing now filters on type first; each index below serves one listing's filter and order.
const indexes: [name: string, columns: string[]][] = [
  // Home, feeds, month/year/day archives (type='post', published, by date).
  ['posts_type_status_date', ['type', 'status', 'published_at']],
  // Author archives and their feeds.
  ['posts_type_author_status_date', ['type', 'author_id', 'status', 'published_at']],
  // Admin posts and pages lists: newest edits first, per tab, per author.
  ['posts_type_updated', ['type', 'updated_at']],
  ['posts_type_status_updated', ['type', 'status', 'updated_at']],
  ['posts_type_author_updated', ['type', 'author_id', 'updated_at']],
  // The pages list's hierarchy and the navigation menu: children of one parent in menu order.
  ['posts_type_parent_order', ['type', 'parent_id', 'menu_order', 'title']],
  // The admin pages list in path order (children after their parent), all tabs and one status.
  ['posts_type_path', ['type', 'page_path']],
  ['posts_type_status_path', ['type', 'status', 'page_path']],
];
const dateOrCreated = sql`coalesce(published_at, created_at)`;
const expressionIndexes: [name: string, leading: string[]][] = [
  ['posts_type_date_or_created', ['type']],
  ['posts_type_status_date_or_created', ['type', 'status']],
  ['posts_type_author_date_or_created', ['type', 'author_id']],
];

const SQLITE_DROP = ['DROP TRIGGER post_counts_insert', 'DROP TRIGGER post_counts_delete', 'DROP TRIGGER post_counts_update'];
const POSTGRES_DROP = ['DROP TRIGGER post_counts_write ON posts', 'DROP TRIGGER post_counts_update ON posts', 'DROP FUNCTION post_counts_sync()'];

// As 0005's, with the type in the counter key and the archive counting published posts only.
const SQLITE_TRIGGERS = [
  `CREATE TRIGGER post_counts_insert AFTER INSERT ON posts BEGIN
     INSERT INTO post_counts (type, author_id, status, comment_status, ping_status, n) VALUES (NEW.type, NEW.author_id, NEW.status, NEW.comment_status, NEW.ping_status, 1)
       ON CONFLICT (type, author_id, status, comment_status, ping_status) DO UPDATE SET n = n + 1;
     INSERT INTO post_archive_months (month, n) SELECT substr(NEW.published_at, 1, 7), 1
       WHERE NEW.type = 'post' AND NEW.status = 'published' AND NEW.published_at IS NOT NULL ON CONFLICT (month) DO UPDATE SET n = n + 1;
   END`,
  `CREATE TRIGGER post_counts_delete AFTER DELETE ON posts BEGIN
     UPDATE post_counts SET n = n - 1
       WHERE type = OLD.type AND author_id = OLD.author_id AND status = OLD.status AND comment_status = OLD.comment_status AND ping_status = OLD.ping_status;
     UPDATE post_archive_months SET n = n - 1
       WHERE OLD.type = 'post' AND OLD.status = 'published' AND OLD.published_at IS NOT NULL AND month = substr(OLD.published_at, 1, 7);
   END`,
  `CREATE TRIGGER post_counts_update AFTER UPDATE OF type, status, author_id, published_at, comment_status, ping_status ON posts
   WHEN OLD.type IS NOT NEW.type OR OLD.status IS NOT NEW.status OR OLD.author_id IS NOT NEW.author_id OR OLD.published_at IS NOT NEW.published_at
     OR OLD.comment_status IS NOT NEW.comment_status OR OLD.ping_status IS NOT NEW.ping_status BEGIN
     UPDATE post_counts SET n = n - 1
       WHERE type = OLD.type AND author_id = OLD.author_id AND status = OLD.status AND comment_status = OLD.comment_status AND ping_status = OLD.ping_status;
     INSERT INTO post_counts (type, author_id, status, comment_status, ping_status, n) VALUES (NEW.type, NEW.author_id, NEW.status, NEW.comment_status, NEW.ping_status, 1)
       ON CONFLICT (type, author_id, status, comment_status, ping_status) DO UPDATE SET n = n + 1;
     UPDATE post_archive_months SET n = n - 1
       WHERE OLD.type = 'post' AND OLD.status = 'published' AND OLD.published_at IS NOT NULL AND month = substr(OLD.published_at, 1, 7);
     INSERT INTO post_archive_months (month, n) SELECT substr(NEW.published_at, 1, 7), 1
       WHERE NEW.type = 'post' AND NEW.status = 'published' AND NEW.published_at IS NOT NULL ON CONFLICT (month) DO UPDATE SET n = n + 1;
   END`,
];

const POSTGRES_TRIGGERS = [
  `CREATE FUNCTION post_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' THEN
       UPDATE post_counts SET n = n - 1
       WHERE type = OLD.type AND author_id = OLD.author_id AND status = OLD.status AND comment_status = OLD.comment_status AND ping_status = OLD.ping_status;
       IF OLD.type = 'post' AND OLD.status = 'published' AND OLD.published_at IS NOT NULL THEN
         UPDATE post_archive_months SET n = n - 1 WHERE month = substr(OLD.published_at, 1, 7);
       END IF;
     END IF;
     IF TG_OP <> 'DELETE' THEN
       INSERT INTO post_counts (type, author_id, status, comment_status, ping_status, n)
         VALUES (NEW.type, NEW.author_id, NEW.status, NEW.comment_status, NEW.ping_status, 1)
         ON CONFLICT (type, author_id, status, comment_status, ping_status) DO UPDATE SET n = post_counts.n + 1;
       IF NEW.type = 'post' AND NEW.status = 'published' AND NEW.published_at IS NOT NULL THEN
         INSERT INTO post_archive_months (month, n) VALUES (substr(NEW.published_at, 1, 7), 1)
           ON CONFLICT (month) DO UPDATE SET n = post_archive_months.n + 1;
       END IF;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER post_counts_write AFTER INSERT OR DELETE ON posts FOR EACH ROW EXECUTE FUNCTION post_counts_sync()`,
  `CREATE TRIGGER post_counts_update AFTER UPDATE OF type, status, author_id, published_at, comment_status, ping_status ON posts FOR EACH ROW
   WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.status IS DISTINCT FROM NEW.status OR OLD.author_id IS DISTINCT FROM NEW.author_id
     OR OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.comment_status IS DISTINCT FROM NEW.comment_status OR OLD.ping_status IS DISTINCT FROM NEW.ping_status)
   EXECUTE FUNCTION post_counts_sync()`,
];

async function rebuildPostCounts(db: Kysely<any>): Promise<void> {
  for (const ddl of isPostgres(db) ? POSTGRES_DROP : SQLITE_DROP) await sql.raw(ddl).execute(db);
  await db.schema.dropTable('post_counts').execute();
  await db.schema
    .createTable('post_counts')
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('comment_status', 'varchar(10)', (c) => c.notNull())
    .addColumn('ping_status', 'varchar(10)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_counts_pk', ['type', 'author_id', 'status', 'comment_status', 'ping_status'])
    .execute();
  await db
    .insertInto('post_counts')
    .columns(['type', 'author_id', 'status', 'comment_status', 'ping_status', 'n'])
    .expression(
      db
        .selectFrom('posts')
        .select(['type', 'author_id', 'status', 'comment_status', 'ping_status', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['type', 'author_id', 'status', 'comment_status', 'ping_status']),
    )
    .execute();
  for (const ddl of isPostgres(db) ? POSTGRES_TRIGGERS : SQLITE_TRIGGERS) await sql.raw(ddl).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('type', 'varchar(20)', (c) => c.notNull().defaultTo('post')).execute();
  await db.schema.alterTable('posts').addColumn('parent_id', 'integer', (c) => c.references('posts.id').onDelete('set null')).execute();
  await db.schema.alterTable('posts').addColumn('menu_order', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('posts').addColumn('page_path', 'varchar(2000)').execute();
  // Unique: two pages can never answer the same path. Posts leave it null (NULLs are distinct on both).
  await db.schema.createIndex('posts_page_path').on('posts').column('page_path').unique().execute();
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('posts').columns(columns).execute();
  for (const [name, leading] of expressionIndexes) await db.schema.createIndex(name).on('posts').columns(leading).expression(dateOrCreated).execute();
  await rebuildPostCounts(db);
  if (isPostgres(db)) await sql`analyze posts`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
