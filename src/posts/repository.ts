// Posts and old-slug queries.
import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import { cappedCount } from '../db/bounded.js';
import { postCountsByStatus } from '../db/counters.js';
import { containsText } from '../db/text-search.js';
import { plainText } from '../content/plain-text.js';
import type { NewPost, Post, PostStatus, PostType, PostUpdate } from '../db/schema.js';

export function findPostById(db: Executor, id: number): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The post (type 'post', unique by slug since migration 0026) with this slug. */
export function findPostBySlug(db: Executor, slug: string): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('slug', '=', slug).where('type', '=', 'post').limit(1).executeTakeFirst();
}

/** Pages with this slug, under whatever parent: at most `limit` (a moved page is found only if its slug is unambiguous). */
export function findPagesBySlug(db: Executor, slug: string, limit = 2): Promise<Post[]> {
  return db.selectFrom('posts').selectAll().where('slug', '=', slug).where('type', '=', 'page').limit(limit).execute();
}

/** The page at this whole path ("about/team"): one lookup through the unique posts_page_path index. */
export function findPageByPath(db: Executor, path: string): Promise<Post | undefined> {
  return db.selectFrom('posts').selectAll().where('page_path', '=', path).limit(1).executeTakeFirst();
}

/** The post that once had this slug (newest rename first). */
export async function findPostByOldSlug(db: Executor, slug: string): Promise<Post | undefined> {
  return db
    .selectFrom('old_slugs')
    .innerJoin('posts', 'posts.id', 'old_slugs.post_id')
    .selectAll('posts')
    .where('old_slugs.slug', '=', slug)
    .orderBy('old_slugs.id', 'desc')
    .executeTakeFirst();
}

/** Ids and titles of these posts, newest (highest id) first: one primary-key read. */
export function postTitles(db: Executor, ids: number[]): Promise<Pick<Post, 'id' | 'title'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('posts').select(['id', 'title']).where('id', 'in', ids).orderBy('id', 'desc').execute();
}

/** These posts, in the order of the ids given (a page another feature chose, e.g. a term's archive): one primary-key read. */
export async function postsInOrder(db: Executor, ids: number[]): Promise<Post[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await db.selectFrom('posts').selectAll().where('id', 'in', ids).execute()).map((p) => [p.id, p]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Where a slug must be unique: among posts, or among one parent's pages (null: the top level). */
export type SlugScope = { type: 'post' } | { type: 'page'; parentId: number | null };

/**
 * Whether the slug is taken in its scope (WordPress's wp_unique_post_slug: posts among posts, pages among
 * their siblings; migration 0026's unique indexes). Posts and top-level pages also keep clear of each other:
 * both answer at /<slug>/ under the post-name structure, where the page would hide the post.
 */
export async function slugTaken(db: Executor, scope: SlugScope, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('posts').select('id').where('slug', '=', slug);
  if (scope.type === 'page' && scope.parentId !== null) q = q.where('type', '=', 'page').where('parent_id', '=', scope.parentId);
  // A post or a top-level page: clear of every post and every top-level page.
  else q = q.where((eb) => eb.or([eb('type', '=', 'post'), eb.and([eb('type', '=', 'page'), eb('parent_id', 'is', null)])]));
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The words search may match and quote: none of a password-protected post's content (WordPress searches only
 * the title and excerpt of such posts), so a search can neither show nor reveal what the password hides.
 */
function searchableText(content: string, password: string | undefined): string {
  return password ? '' : plainText(content);
}

// Every write of a post's content goes through these two, which keep search_text (the words the search
// index holds, migration 0016) in step with it; the index itself follows by trigger.
export function insertPost(db: Executor, post: NewPost): Promise<Post> {
  return db.insertInto('posts').values({ ...post, search_text: searchableText(post.content, post.password) }).returningAll().executeTakeFirstOrThrow();
}

export function updatePostRow(db: Executor, id: number, changes: PostUpdate): Promise<Post> {
  const withText = typeof changes.content === 'string' ? { ...changes, search_text: searchableText(changes.content, changes.password) } : changes;
  return db.updateTable('posts').set(withText).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function recordOldSlug(db: Executor, postId: number, slug: string, at: string): Promise<void> {
  await db.deleteFrom('old_slugs').where('slug', '=', slug).where('post_id', '=', postId).execute();
  await db.insertInto('old_slugs').values({ post_id: postId, slug, created_at: at }).execute();
}

export interface PostListQuery {
  type?: PostType;
  status?: PostStatus | 'all';
  authorId?: number;
  search?: string;
  limit: number;
  offset: number;
}

/** A search counts at most this many matches: a text filter cannot count through an index (issue 11). */
export const SEARCH_COUNT_CAP = 10_000;

export async function listPosts(db: Executor, q: PostListQuery): Promise<{ posts: Post[]; total: number }> {
  const type = q.type ?? 'post';
  let base = db.selectFrom('posts').where('type', '=', type);
  if (q.status && q.status !== 'all') base = base.where('status', '=', q.status);
  else base = base.where('status', '!=', 'trash');
  if (q.authorId !== undefined) base = base.where('author_id', '=', q.authorId);
  if (q.search) {
    const text = q.search;
    base = base.where((eb) => eb.or([containsText('title', text), containsText('content', text)]));
  }
  const [posts, total] = await Promise.all([
    // The list's Date column, newest first (issue 15): the post's date, or its creation while undated, through
    // the posts_*date_or_created expression indexes (migration 0005).
    base.selectAll().orderBy(sql`coalesce(published_at, created_at)`, 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    q.search ? cappedCount(db, base, SEARCH_COUNT_CAP) : countPostsByStatus(db, q.authorId, type).then((c) => c[q.status ?? 'all']),
  ]);
  return { posts, total };
}

/** Per status tab, from the counter rows (migration 0005); "all" leaves out the trash, as WordPress does. */
export async function countPostsByStatus(db: Executor, authorId?: number, type: PostType = 'post'): Promise<Record<PostStatus | 'all', number>> {
  const by = await postCountsByStatus(db, authorId, type);
  const out: Record<string, number> = { all: 0, draft: 0, pending: 0, published: 0, scheduled: 0, private: 0, trash: 0 };
  for (const [status, n] of by) {
    out[status] = n;
    if (status !== 'trash') out.all += n;
  }
  return out as Record<PostStatus | 'all', number>;
}

/** What a public listing shows: published posts (never pages) within a date range and/or by one author. */
export interface PublishedFilter {
  range?: { from: string; to: string };
  authorId?: number;
}

/**
 * Published posts, newest first, for the home page, the date and author archives and the feeds. Pages never
 * appear (WordPress lists post_type 'post' only). The total for the whole blog comes from the counter rows;
 * within a date range it is counted through posts_type_status_date (an author's total is a counter row too).
 */
export async function listPublished(db: Executor, limit: number, offset: number, filter: PublishedFilter = {}): Promise<{ posts: Post[]; total: number }> {
  return listByStatus(db, 'published', limit, offset, filter);
}

async function listByStatus(db: Executor, status: 'published' | 'private', limit: number, offset: number, filter: PublishedFilter): Promise<{ posts: Post[]; total: number }> {
  let base = db.selectFrom('posts').where('type', '=', 'post');
  if (filter.authorId !== undefined) base = base.where('author_id', '=', filter.authorId);
  base = base.where('status', '=', status);
  const { range } = filter;
  if (range) base = base.where('published_at', '>=', range.from).where('published_at', '<', range.to);
  const countInRange = (r: typeof base) => r.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((c) => Number(c.n));
  const [posts, total] = await Promise.all([
    base.selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    range ? countInRange(base) : postCountsByStatus(db, filter.authorId).then((c) => c.get(status) ?? 0),
  ]);
  return { posts, total };
}

/** Which private posts a listing adds for its viewer: all (an admin), one author's, or none. */
export type PrivateScope = { all: true } | { authorId: number } | null;

const newestFirst = (a: Post, b: Post) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id - a.id;

/**
 * Published posts plus the private ones this viewer may read (WordPress shows private posts in the loop to
 * those with read_private_posts). Each status is read through its own index walk of at most offset + limit
 * rows and the two are merged, so no query sorts the blog; totals come from the counter rows.
 */
export async function listVisible(db: Executor, limit: number, offset: number, scope: PrivateScope, filter: PublishedFilter = {}): Promise<{ posts: Post[]; total: number }> {
  // An author's archive shows another author's private posts to nobody but an admin.
  const othersArchive = scope && 'authorId' in scope && filter.authorId !== undefined && filter.authorId !== scope.authorId;
  if (!scope || othersArchive) return listPublished(db, limit, offset, filter);
  const privateFilter = 'authorId' in scope ? { ...filter, authorId: scope.authorId } : filter;
  const [pub, priv] = await Promise.all([listByStatus(db, 'published', offset + limit, 0, filter), listByStatus(db, 'private', offset + limit, 0, privateFilter)]);
  return { posts: [...pub.posts, ...priv.posts].sort(newestFirst).slice(offset, offset + limit), total: pub.total + priv.total };
}

/** At most this many sticky posts head the home page: stickiness is a handful by nature, and the read stays bounded. */
export const STICKY_CAP = 50;

/** The home page's sticky posts, newest first, through posts_sticky_status_date (private posts are never sticky). */
export function stickyPosts(db: Executor): Promise<Post[]> {
  return db.selectFrom('posts').selectAll().where('sticky', '=', 1).where('status', '=', 'published').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(STICKY_CAP).execute();
}

export async function deletePostRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('posts').where('id', '=', id).execute();
}

/** Opens or closes comments or pings on every post; returns how many posts actually changed. */
export async function setDiscussionOnAllPosts(db: Executor, column: 'ping_status' | 'comment_status', to: 'open' | 'closed'): Promise<number> {
  const result = await db.updateTable('posts').set({ [column]: to }).where(column, '!=', to).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * For metaWeblog.getRecentPosts and wp.getPosts: newest by the post's date (drafts by creation), as WordPress
 * orders by post_date; authors see only their own.
 */
export interface RecentQuery {
  limit: number;
  offset?: number;
  authorId?: number;
  /** Only these statuses; by default everything but the trash. */
  statuses?: PostStatus[];
  /** Posts (the default) or pages: wp.getPosts's post_type, wp.getPages. */
  type?: PostType;
}

const byDateOrCreated = (a: Post, b: Post) => (b.published_at ?? b.created_at).localeCompare(a.published_at ?? a.created_at) || b.id - a.id;

/**
 * One index walk per status asked (posts_status_date_or_created), merged: "IN (…) ORDER BY" would sort every
 * matching row, and a comma-separated post_status list (wp.getPosts) may name several.
 */
export async function recentPosts(db: Executor, q: RecentQuery): Promise<Post[]> {
  const one = (status: PostStatus | null, limit: number, offset: number) => {
    let query = db.selectFrom('posts').selectAll().where('type', '=', q.type ?? 'post');
    query = status ? query.where('status', '=', status) : query.where('status', '!=', 'trash');
    if (q.authorId !== undefined) query = query.where('author_id', '=', q.authorId);
    return query.orderBy(sql`coalesce(published_at, created_at)`, 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  };
  const offset = q.offset ?? 0;
  if (!q.statuses) return one(null, q.limit, offset);
  const statuses = [...new Set(q.statuses)];
  if (statuses.length === 1) return one(statuses[0]!, q.limit, offset);
  const lists = await Promise.all(statuses.map((s) => one(s, offset + q.limit, 0)));
  return lists.flat().sort(byDateOrCreated).slice(offset, offset + q.limit);
}

/** A page's child pages (any status), through posts_type_parent_order. */
export function childPages(db: Executor, parentId: number): Promise<Pick<Post, 'id' | 'slug'>[]> {
  return db.selectFrom('posts').select(['id', 'slug']).where('type', '=', 'page').where('parent_id', '=', parentId).orderBy('menu_order').orderBy('title').execute();
}

export async function setPagePath(db: Executor, id: number, changes: { page_path: string; parent_id?: number | null }): Promise<void> {
  await db.updateTable('posts').set(changes).where('id', '=', id).execute();
}

/** Pages for the admin list, in path order (so children follow their parent), 20 a screen. */
export async function listPagesByPath(db: Executor, q: { status?: PostStatus | 'all'; authorId?: number; limit: number; offset: number }): Promise<{ pages: Post[]; total: number }> {
  let base = db.selectFrom('posts').where('type', '=', 'page').where('page_path', 'is not', null);
  if (q.status && q.status !== 'all') base = base.where('status', '=', q.status);
  else base = base.where('status', '!=', 'trash');
  if (q.authorId !== undefined) base = base.where('author_id', '=', q.authorId);
  const [pages, counts] = await Promise.all([
    base.selectAll().orderBy('page_path').limit(q.limit).offset(q.offset).execute(),
    countPostsByStatus(db, q.authorId, 'page'),
  ]);
  return { pages, total: counts[q.status ?? 'all'] };
}

/** Every page that may be a parent (not in the trash), for the editor's parent select: at most `limit`. */
export function parentChoices(db: Executor, limit = 500): Promise<Pick<Post, 'id' | 'title' | 'page_path' | 'status'>[]> {
  return db.selectFrom('posts').select(['id', 'title', 'page_path', 'status']).where('type', '=', 'page').where('page_path', 'is not', null).where('status', '!=', 'trash').orderBy('page_path').limit(limit).execute();
}

/** One batch of every page, any status, in id order after `afterId` (wp.getPageList): the posts_type_id index (0026). */
export function pagesAfterId(db: Executor, afterId: number, limit: number): Promise<Pick<Post, 'id' | 'title' | 'parent_id' | 'published_at' | 'created_at'>[]> {
  return db.selectFrom('posts').select(['id', 'title', 'parent_id', 'published_at', 'created_at']).where('type', '=', 'page').where('id', '>', afterId).orderBy('type').orderBy('id').limit(limit).execute();
}

/** Remembers an old address of an imported post (old_paths, migration 0024); an address already taken keeps its post. */
export async function recordOldPath(db: Executor, path: string, postId: number): Promise<void> {
  if (!path || path.length > 2000) return;
  await db.insertInto('old_paths').values({ path, post_id: postId }).onConflict((oc) => oc.column('path').doNothing()).execute();
}

/** The post an old (imported WordPress) address names: one read through the unique old_paths_path index. */
export async function findPostByOldPath(db: Executor, path: string): Promise<Post | undefined> {
  return db.selectFrom('old_paths').innerJoin('posts', 'posts.id', 'old_paths.post_id').selectAll('posts').where('old_paths.path', '=', path).executeTakeFirst();
}

/**
 * Takes the post row's lock for the rest of the transaction (PostgreSQL; SQLite's write transaction already
 * holds the whole database), so a read-modify-write of its content by two jobs at once loses neither change.
 */
export async function lockPost(db: Executor, dialect: Dialect, id: number): Promise<void> {
  const q = db.selectFrom('posts').select('id').where('id', '=', id);
  await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}
