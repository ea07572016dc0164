// The export's reads, each a keyset-paginated page (ordered by an indexed key, resumed after the last row
// seen), so the writer holds one page at a time however big the blog is.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Comment, Media, MediaFile, Post, Term } from '../db/schema.js';
import { filesOf } from '../media/repository.js';
import { termsOfPosts, type PostTerm } from '../terms/repository.js';

export type { PostTerm };

/** The last post id when the export starts: posts written after it wait for the next export. */
export async function lastPostId(db: Executor): Promise<number> {
  const row = await db.selectFrom('posts').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? 0;
}

export interface AuthorRow {
  id: number;
  username: string;
  email: string;
  display_name: string;
}

/** Users who wrote a post or uploaded a file (WordPress lists the authors of what it exports). */
export function authorsPage(db: Executor, afterId: number, limit: number): Promise<AuthorRow[]> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'display_name'])
    .where('id', '>', afterId)
    .where((eb) => eb.or([eb.exists(eb.selectFrom('posts').select('posts.id').whereRef('posts.author_id', '=', 'users.id')), eb.exists(eb.selectFrom('media').select('media.id').whereRef('media.author_id', '=', 'users.id'))]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface CategoryRow extends Pick<Term, 'id' | 'name' | 'slug' | 'description'> {
  depth: number;
  parent_slug: string | null;
}

/**
 * Categories parents first (depth, then id): WordPress's importer looks a category's parent up by slug
 * when it meets it, so a child written before its parent would land at the top.
 */
export async function categoriesPage(db: Executor, after: { depth: number; id: number } | null, limit: number): Promise<CategoryRow[]> {
  const d = after?.depth ?? -1;
  const id = after?.id ?? 0;
  const { rows } = await sql<CategoryRow>`
    with recursive tree (id, depth) as (
      select id, 0 from terms where taxonomy = 'category' and parent_id is null
      union all
      select terms.id, tree.depth + 1 from terms join tree on terms.parent_id = tree.id where tree.depth < 1000
    )
    select terms.id, terms.name, terms.slug, terms.description, tree.depth, parents.slug as parent_slug
    from tree join terms on terms.id = tree.id left join terms parents on parents.id = terms.parent_id
    where tree.depth > ${d} or (tree.depth = ${d} and terms.id > ${id})
    order by tree.depth, terms.id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), depth: Number(r.depth) }));
}

export function tagsPage(db: Executor, afterId: number, limit: number): Promise<Pick<Term, 'id' | 'name' | 'slug' | 'description'>[]> {
  return db.selectFrom('terms').select(['id', 'name', 'slug', 'description']).where('taxonomy', '=', 'post_tag').where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export function postsPage(db: Executor, afterId: number, lastId: number, limit: number): Promise<Post[]> {
  return db.selectFrom('posts').selectAll().where('id', '>', afterId).where('id', '<=', lastId).orderBy('id').limit(limit).execute();
}

export async function usernamesOf(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

export async function oldSlugsOf(db: Executor, postIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (postIds.length === 0) return out;
  const rows = await db.selectFrom('old_slugs').select(['post_id', 'slug']).where('post_id', 'in', postIds).orderBy('id').execute();
  for (const r of rows) out.set(r.post_id, [...(out.get(r.post_id) ?? []), r.slug]);
  return out;
}

export { termsOfPosts };

/** Comments of a page of posts, in (post, id) order: a parent comment always has a smaller id than its replies. */
export function commentsPage(db: Executor, postIds: number[], after: { postId: number; id: number } | null, limit: number, withSpam: boolean): Promise<Comment[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('comments').selectAll().where('post_id', 'in', postIds);
  if (!withSpam) q = q.where('status', '<>', 'spam');
  if (after) q = q.where((eb) => eb.or([eb('post_id', '>', after.postId), eb.and([eb('post_id', '=', after.postId), eb('id', '>', after.id)])]));
  return q.orderBy('post_id').orderBy('id').limit(limit).execute();
}

/** Which of these comments are spam: replies to them are written as top-level when spam is left out. */
export async function spamAmong(db: Executor, ids: number[]): Promise<Set<number>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  // By id alone, so the primary key answers (a status filter tempts the planner onto the status index).
  const rows = await db.selectFrom('comments').select(['id', 'status']).where('id', 'in', wanted).execute();
  return new Set(rows.filter((r) => r.status === 'spam').map((r) => r.id));
}

/** Users' ids by email, to give comments written by a user WordPress's comment_user_id. */
export async function userIdsByEmail(db: Executor, emails: string[]): Promise<Map<string, number>> {
  const wanted = [...new Set(emails.filter((e) => e !== '').map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

export function mediaPage(db: Executor, afterId: number, limit: number): Promise<Media[]> {
  return db.selectFrom('media').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export function mediaFilesOf(db: Executor, ids: number[]): Promise<Map<number, MediaFile[]>> {
  return filesOf(db, ids);
}
