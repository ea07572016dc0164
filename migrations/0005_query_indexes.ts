// Issue 11, point 1: no query a page runs may grow with the blog. Indexes for every listing's filter and
// order, and three small counter tables kept in step by triggers, so tab counts, the admin bar's pending
// count, the home page's page count and the monthly archive list read a handful of rows instead of a
// COUNT(*) or GROUP BY over posts or comments.
//
// Why triggers rather than code in the services: the counters must stay right whatever writes the rows —
// the posts and comments services, XML-RPC, the worker, ON DELETE CASCADE from a deleted post, and a
// blog loaded straight into the tables by an import script. A trigger runs inside the writing statement's
// own transaction, so a counter can never disagree with the rows it counts.
import { sql, type Kysely } from 'kysely';
import { sanitizeCommentHtml } from '../src/content/sanitize.js';
import { isPostgres } from './helpers.js';

const indexes: [name: string, table: string, columns: string[]][] = [
  // The post page's approved comments and mentions, in order; per-post counts; a post's comment feed.
  ['comments_post_status_date', 'comments', ['post_id', 'status', 'created_at']],
  // Moderation list filtered by kind (and the dashboard's latest linkbacks), newest first.
  ['comments_kind_status_date', 'comments', ['kind', 'status', 'created_at']],
  // Admin posts list: newest edits first, per status tab, per author.
  ['posts_updated', 'posts', ['updated_at']],
  ['posts_status_updated', 'posts', ['status', 'updated_at']],
  ['posts_author_updated', 'posts', ['author_id', 'updated_at']],
  // Delivery log: newest first, for all posts or one post.
  ['deliveries_updated', 'deliveries', ['updated_at']],
  ['deliveries_post_updated', 'deliveries', ['post_id', 'updated_at']],
];

// XML-RPC's post lists (wp.getPosts, metaWeblog.getRecentPosts) order by the post's date, or its creation
// for undated drafts, as WordPress orders by post_date.
const dateOrCreated = sql`coalesce(published_at, created_at)`;
const expressionIndexes: [name: string, leading: string | null][] = [
  ['posts_date_or_created', null],
  ['posts_status_date_or_created', 'status'],
  ['posts_author_date_or_created', 'author_id'],
];

// Left-prefixes of the new indexes above: every query they served is served as well by the longer one,
// and each index is one more write per comment.
const redundant = ['comments_post_status', 'comments_kind_status'];

const counterTables = async (db: Kysely<any>) => {
  await db.schema
    .createTable('comment_counts')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_counts_pk', ['status', 'kind'])
    .execute();
  await db.schema
    .createTable('post_counts')
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('comment_status', 'varchar(10)', (c) => c.notNull())
    .addColumn('ping_status', 'varchar(10)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_counts_pk', ['author_id', 'status', 'comment_status', 'ping_status'])
    .execute();
  await db.schema
    .createTable('post_archive_months')
    .addColumn('month', 'varchar(7)', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
};

const backfill = async (db: Kysely<any>) => {
  await db
    .insertInto('comment_counts')
    .columns(['status', 'kind', 'n'])
    .expression(db.selectFrom('comments').select(['status', 'kind', (eb) => eb.fn.countAll().as('n')]).groupBy(['status', 'kind']))
    .execute();
  await db
    .insertInto('post_counts')
    .columns(['author_id', 'status', 'comment_status', 'ping_status', 'n'])
    .expression(
      db
        .selectFrom('posts')
        .select(['author_id', 'status', 'comment_status', 'ping_status', (eb) => eb.fn.countAll().as('n')])
        .groupBy(['author_id', 'status', 'comment_status', 'ping_status']),
    )
    .execute();
  const month = sql<string>`substr(published_at, 1, 7)`;
  await db
    .insertInto('post_archive_months')
    .columns(['month', 'n'])
    .expression(
      db.selectFrom('posts').select([month.as('month'), (eb) => eb.fn.countAll().as('n')]).where('status', '=', 'published').where('published_at', 'is not', null).groupBy(month),
    )
    .execute();
};

// A post counts in the archive when it is published and dated; its month is the UTC month of its date.
const SQLITE_TRIGGERS = [
  `CREATE TRIGGER comment_counts_insert AFTER INSERT ON comments BEGIN
     INSERT INTO comment_counts (status, kind, n) VALUES (NEW.status, NEW.kind, 1) ON CONFLICT (status, kind) DO UPDATE SET n = n + 1;
   END`,
  `CREATE TRIGGER comment_counts_delete AFTER DELETE ON comments BEGIN
     UPDATE comment_counts SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind;
   END`,
  `CREATE TRIGGER comment_counts_update AFTER UPDATE OF status, kind ON comments
   WHEN OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind BEGIN
     UPDATE comment_counts SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind;
     INSERT INTO comment_counts (status, kind, n) VALUES (NEW.status, NEW.kind, 1) ON CONFLICT (status, kind) DO UPDATE SET n = n + 1;
   END`,
  `CREATE TRIGGER post_counts_insert AFTER INSERT ON posts BEGIN
     INSERT INTO post_counts (author_id, status, comment_status, ping_status, n) VALUES (NEW.author_id, NEW.status, NEW.comment_status, NEW.ping_status, 1)
       ON CONFLICT (author_id, status, comment_status, ping_status) DO UPDATE SET n = n + 1;
     INSERT INTO post_archive_months (month, n) SELECT substr(NEW.published_at, 1, 7), 1
       WHERE NEW.status = 'published' AND NEW.published_at IS NOT NULL ON CONFLICT (month) DO UPDATE SET n = n + 1;
   END`,
  `CREATE TRIGGER post_counts_delete AFTER DELETE ON posts BEGIN
     UPDATE post_counts SET n = n - 1
       WHERE author_id = OLD.author_id AND status = OLD.status AND comment_status = OLD.comment_status AND ping_status = OLD.ping_status;
     UPDATE post_archive_months SET n = n - 1
       WHERE OLD.status = 'published' AND OLD.published_at IS NOT NULL AND month = substr(OLD.published_at, 1, 7);
   END`,
  `CREATE TRIGGER post_counts_update AFTER UPDATE OF status, author_id, published_at, comment_status, ping_status ON posts
   WHEN OLD.status IS NOT NEW.status OR OLD.author_id IS NOT NEW.author_id OR OLD.published_at IS NOT NEW.published_at
     OR OLD.comment_status IS NOT NEW.comment_status OR OLD.ping_status IS NOT NEW.ping_status BEGIN
     UPDATE post_counts SET n = n - 1
       WHERE author_id = OLD.author_id AND status = OLD.status AND comment_status = OLD.comment_status AND ping_status = OLD.ping_status;
     INSERT INTO post_counts (author_id, status, comment_status, ping_status, n) VALUES (NEW.author_id, NEW.status, NEW.comment_status, NEW.ping_status, 1)
       ON CONFLICT (author_id, status, comment_status, ping_status) DO UPDATE SET n = n + 1;
     UPDATE post_archive_months SET n = n - 1
       WHERE OLD.status = 'published' AND OLD.published_at IS NOT NULL AND month = substr(OLD.published_at, 1, 7);
     INSERT INTO post_archive_months (month, n) SELECT substr(NEW.published_at, 1, 7), 1
       WHERE NEW.status = 'published' AND NEW.published_at IS NOT NULL ON CONFLICT (month) DO UPDATE SET n = n + 1;
   END`,
];

// PostgreSQL: one function per table, called with OLD (update, delete) and NEW (insert, update).
const POSTGRES_TRIGGERS = [
  `CREATE FUNCTION comment_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' THEN
       UPDATE comment_counts SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind;
     END IF;
     IF TG_OP <> 'DELETE' THEN
       INSERT INTO comment_counts (status, kind, n) VALUES (NEW.status, NEW.kind, 1)
         ON CONFLICT (status, kind) DO UPDATE SET n = comment_counts.n + 1;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER comment_counts_write AFTER INSERT OR DELETE ON comments FOR EACH ROW EXECUTE FUNCTION comment_counts_sync()`,
  `CREATE TRIGGER comment_counts_update AFTER UPDATE OF status, kind ON comments FOR EACH ROW
   WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION comment_counts_sync()`,
  `CREATE FUNCTION post_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' THEN
       UPDATE post_counts SET n = n - 1
       WHERE author_id = OLD.author_id AND status = OLD.status AND comment_status = OLD.comment_status AND ping_status = OLD.ping_status;
       IF OLD.status = 'published' AND OLD.published_at IS NOT NULL THEN
         UPDATE post_archive_months SET n = n - 1 WHERE month = substr(OLD.published_at, 1, 7);
       END IF;
     END IF;
     IF TG_OP <> 'DELETE' THEN
       INSERT INTO post_counts (author_id, status, comment_status, ping_status, n)
         VALUES (NEW.author_id, NEW.status, NEW.comment_status, NEW.ping_status, 1)
         ON CONFLICT (author_id, status, comment_status, ping_status) DO UPDATE SET n = post_counts.n + 1;
       IF NEW.status = 'published' AND NEW.published_at IS NOT NULL THEN
         INSERT INTO post_archive_months (month, n) VALUES (substr(NEW.published_at, 1, 7), 1)
           ON CONFLICT (month) DO UPDATE SET n = post_archive_months.n + 1;
       END IF;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER post_counts_write AFTER INSERT OR DELETE ON posts FOR EACH ROW EXECUTE FUNCTION post_counts_sync()`,
  `CREATE TRIGGER post_counts_update AFTER UPDATE OF status, author_id, published_at, comment_status, ping_status ON posts FOR EACH ROW
   WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.author_id IS DISTINCT FROM NEW.author_id OR OLD.published_at IS DISTINCT FROM NEW.published_at
     OR OLD.comment_status IS DISTINCT FROM NEW.comment_status OR OLD.ping_status IS DISTINCT FROM NEW.ping_status)
   EXECUTE FUNCTION post_counts_sync()`,
];

/**
 * Readers' comments are now shown as stored, no longer sanitised on every view (issue 11, point 2). Every
 * door has sanitised on the way in, but a row written some other way must not reach a page unsanitised:
 * rows with markup are passed through the same sanitiser once, in batches.
 */
// Any "<" that does not open or close one of the comment allow-list's tags bare (no attributes). Content
// without one cannot carry markup the sanitiser would remove, and skipping it keeps this pass to seconds on
// a million comments (sanitising each costs about 28 µs).
const NEEDS_SANITIZING = /<(?!\/?(?:p|br|em|strong|b|i|code|blockquote|q|del|ul|ol|li|pre)\s*\/?>)/i;

async function sanitizeStoredComments(db: Kysely<any>): Promise<void> {
  for (let after = 0; ; ) {
    const rows: { id: number; content: string }[] = await db
      .selectFrom('comments')
      .select(['id', 'content'])
      .where('id', '>', after)
      .where('kind', '=', 'comment')
      .where('content', 'like', '%<%')
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      if (!NEEDS_SANITIZING.test(r.content)) continue;
      const clean = sanitizeCommentHtml(r.content);
      if (clean !== r.content) await db.updateTable('comments').set({ content: clean }).where('id', '=', r.id).execute();
    }
    after = rows[rows.length - 1].id;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await sanitizeStoredComments(db);
  for (const [name, table, columns] of indexes) await db.schema.createIndex(name).on(table).columns(columns).execute();
  for (const [name, leading] of expressionIndexes) {
    const index = db.schema.createIndex(name).on('posts');
    await (leading ? index.column(leading) : index).expression(dateOrCreated).execute();
  }
  for (const name of redundant) await db.schema.dropIndex(name).execute();
  await counterTables(db);
  await backfill(db);
  for (const ddl of isPostgres(db) ? POSTGRES_TRIGGERS : SQLITE_TRIGGERS) await sql.raw(ddl).execute(db);
  // New indexes are only chosen well with statistics (issue 11: the post page's comments went through the
  // wrong index without them). SQLite gets its PRAGMA optimize from the app after migrating.
  if (isPostgres(db)) await sql`analyze`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
