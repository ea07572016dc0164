// Every query on categories and tags (migration 0013): terms, the terms of a page of posts in one query, a
// term archive's posts through the (term_id, published_at) index, and the writes the service composes.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Taxonomy, Term } from '../db/schema.js';

/** Every term list reads at most this many rows: a blog with more categories sees the first ones by name. */
export const TERM_LIST_CAP = 2000;

export function findTerm(db: Executor, id: number): Promise<Term | undefined> {
  return db.selectFrom('terms').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTermBySlug(db: Executor, taxonomy: Taxonomy, slug: string): Promise<Term | undefined> {
  return db.selectFrom('terms').selectAll().where('taxonomy', '=', taxonomy).where('slug', '=', slug).limit(1).executeTakeFirst();
}

/** The terms of a taxonomy whose names equal one of these (exact, as stored). */
export function findTermsByName(db: Executor, taxonomy: Taxonomy, names: string[]): Promise<Term[]> {
  if (names.length === 0) return Promise.resolve([]);
  return db.selectFrom('terms').selectAll().where('taxonomy', '=', taxonomy).where('name', 'in', names).execute();
}

export function findTermsBySlug(db: Executor, taxonomy: Taxonomy, slugs: string[]): Promise<Term[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return db.selectFrom('terms').selectAll().where('taxonomy', '=', taxonomy).where('slug', 'in', slugs).execute();
}

export function findTermsById(db: Executor, ids: number[]): Promise<Term[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('terms').selectAll().where('id', 'in', ids).execute();
}

export async function defaultCategory(db: Executor): Promise<Term> {
  const found = await db.selectFrom('terms').selectAll().where('taxonomy', '=', 'category').where('is_default', '=', 1).limit(1).executeTakeFirst();
  if (found) return found;
  // Only a database edited by hand lacks it; recreate rather than leave posts without a category.
  const existing = await findTermBySlug(db, 'category', 'uncategorized');
  if (existing) return db.updateTable('terms').set({ is_default: 1 }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
  return insertTerm(db, { taxonomy: 'category', name: 'Uncategorized', slug: 'uncategorized', description: '', parent_id: null, is_default: 1 });
}

export interface TermListQuery {
  taxonomy: Taxonomy;
  limit: number;
  offset?: number;
  /** Only terms whose name contains this text (admin search, wp.getTerms' search). */
  search?: string;
  hideEmpty?: boolean;
  orderBy?: 'name' | 'count' | 'id' | 'slug';
  order?: 'asc' | 'desc';
  parentId?: number | null;
}

/** One page of a taxonomy's terms, by name unless asked otherwise (served by terms_taxonomy_name). */
export function listTerms(db: Executor, q: TermListQuery): Promise<Term[]> {
  let query = db.selectFrom('terms').selectAll().where('taxonomy', '=', q.taxonomy);
  if (q.search) query = query.where(sql<boolean>`lower(name) like ${'%' + q.search.toLowerCase().replace(/[\\%_]/g, '\\$&') + '%'} escape '\\'`);
  if (q.hideEmpty) query = query.where('count', '>', 0);
  if (q.parentId !== undefined) query = q.parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', q.parentId);
  const by = q.orderBy ?? 'name';
  const dir = q.order ?? 'asc';
  return query.orderBy(by, dir).orderBy('id', dir).limit(q.limit).offset(q.offset ?? 0).execute();
}

/** Tags whose slug starts with the typed text: one range of the (taxonomy, slug) unique index. */
export function tagsStartingWith(db: Executor, slugPrefix: string, limit: number): Promise<Term[]> {
  if (!slugPrefix) return Promise.resolve([]);
  return db
    .selectFrom('terms')
    .selectAll()
    .where('taxonomy', '=', 'post_tag')
    .where('slug', '>=', slugPrefix)
    .where('slug', '<', slugPrefix + '\u{10FFFF}')
    .orderBy('slug')
    .limit(limit)
    .execute();
}

/** How many terms a taxonomy has, counted up to a cap (admin pagination). */
export async function countTerms(db: Executor, taxonomy: Taxonomy, cap = TERM_LIST_CAP): Promise<number> {
  const row = await db
    .selectFrom((eb) => eb.selectFrom('terms').select('id').where('taxonomy', '=', taxonomy).limit(cap).as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type NewTerm = { taxonomy: Taxonomy; name: string; slug: string; description: string; parent_id: number | null; is_default?: number };

export function insertTerm(db: Executor, term: NewTerm): Promise<Term> {
  return db.insertInto('terms').values(term).returningAll().executeTakeFirstOrThrow();
}

export function updateTermRow(db: Executor, id: number, changes: Partial<Pick<Term, 'name' | 'slug' | 'description' | 'parent_id'>>): Promise<Term> {
  return db.updateTable('terms').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Children of a deleted category move up to its parent, as WordPress does. */
export async function reparentChildren(db: Executor, id: number, to: number | null): Promise<void> {
  await db.updateTable('terms').set({ parent_id: to }).where('parent_id', '=', id).execute();
}

export async function deleteTermRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('terms').where('id', '=', id).execute();
}

/**
 * Files under `to` every post of category `from` that has no other category, before `from` goes: WordPress's
 * wp_delete_term gives such posts the default category.
 */
export async function fileOrphansUnder(db: Executor, from: number, to: number): Promise<void> {
  await db
    .insertInto('term_relationships')
    .columns(['post_id', 'term_id'])
    .expression(
      db
        .selectFrom('term_relationships as r')
        .select(['r.post_id', sql.lit(to).as('term_id')])
        .where('r.term_id', '=', from)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('term_relationships as o')
                .innerJoin('terms as t', 't.id', 'o.term_id')
                .select('o.post_id')
                .whereRef('o.post_id', '=', 'r.post_id')
                .where('t.taxonomy', '=', 'category')
                .where('o.term_id', '!=', from),
            ),
          ),
        ),
    )
    .execute();
}

/** Moves every post of `from` to `into` (merge): posts already under `into` keep one row. */
export async function moveRelationships(db: Executor, from: number, into: number): Promise<void> {
  await db
    .insertInto('term_relationships')
    .columns(['post_id', 'term_id'])
    .expression(
      db
        .selectFrom('term_relationships as r')
        .select(['r.post_id', sql.lit(into).as('term_id')])
        .where('r.term_id', '=', from)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('term_relationships as o').select('o.post_id').whereRef('o.post_id', '=', 'r.post_id').where('o.term_id', '=', into)))),
    )
    .execute();
  await db.deleteFrom('term_relationships').where('term_id', '=', from).execute();
}

export interface PostTerm {
  postId: number;
  id: number;
  taxonomy: Taxonomy;
  name: string;
  slug: string;
  parentId: number | null;
  description: string;
  count: number;
}

/** The terms of every post given, in ONE query (issue 13 point 7), by taxonomy then name. */
export async function termsOfPosts(db: Executor, postIds: number[]): Promise<Map<number, PostTerm[]>> {
  const out = new Map<number, PostTerm[]>(postIds.map((id) => [id, []]));
  if (postIds.length === 0) return out;
  // No aliases: the query-plan test recognises the tables by name in SQLite's plan.
  const rows = await db
    .selectFrom('term_relationships')
    .innerJoin('terms', 'terms.id', 'term_relationships.term_id')
    .select(['term_relationships.post_id', 'terms.id', 'terms.taxonomy', 'terms.name', 'terms.slug', 'terms.parent_id', 'terms.description', 'terms.count'])
    .where('term_relationships.post_id', 'in', postIds)
    .execute();
  rows.sort((a, b) => a.taxonomy.localeCompare(b.taxonomy) || a.name.localeCompare(b.name));
  for (const r of rows) {
    out.get(r.post_id)?.push({ postId: r.post_id, id: r.id, taxonomy: r.taxonomy, name: r.name, slug: r.slug, parentId: r.parent_id, description: r.description, count: Number(r.count) });
  }
  return out;
}

/** Makes the post's terms of one taxonomy exactly `termIds`: removes the others, adds the missing ones. */
export async function setPostTermsRows(db: Executor, postId: number, taxonomy: Taxonomy, termIds: number[]): Promise<void> {
  const current = await db
    .selectFrom('term_relationships as r')
    .innerJoin('terms as t', 't.id', 'r.term_id')
    .select('r.term_id')
    .where('r.post_id', '=', postId)
    .where('t.taxonomy', '=', taxonomy)
    .execute();
  const have = new Set(current.map((r) => r.term_id));
  const want = new Set(termIds);
  const drop = [...have].filter((id) => !want.has(id));
  const add = [...want].filter((id) => !have.has(id));
  if (drop.length) await db.deleteFrom('term_relationships').where('post_id', '=', postId).where('term_id', 'in', drop).execute();
  if (add.length) await db.insertInto('term_relationships').values(add.map((term_id) => ({ post_id: postId, term_id }))).execute();
}

/**
 * Ids of one page of a term's published posts, newest first: a walk of term_relationships_term_date (whose
 * published_at migration 0013's triggers copy from the post). The posts themselves are posts/'s to read.
 */
export async function publishedPostIdsInTerm(db: Executor, termId: number, limit: number, offset: number): Promise<number[]> {
  const rows = await db
    .selectFrom('term_relationships')
    .select('post_id')
    .where('term_id', '=', termId)
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .orderBy('post_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => r.post_id);
}

/** A category archive reads at most this many categories (itself and its descendants); SQLite's compound SELECT allows 500. */
export const SUBTREE_CAP = 200;

/**
 * Ids of one page of the published posts filed under any of these terms (a category and its descendants, as
 * WordPress's category archive includes children), newest first, each post once. Each term's own walk of
 * term_relationships_term_date stops after limit + offset rows, so the merge reads at most
 * terms x (limit + offset) index entries however many posts the categories hold; no sort of a whole category.
 */
export async function publishedPostIdsInTerms(db: Executor, termIds: number[], limit: number, offset: number): Promise<number[]> {
  const ids = [...new Set(termIds)].slice(0, SUBTREE_CAP);
  if (ids.length <= 1) return ids.length ? publishedPostIdsInTerm(db, ids[0]!, limit, offset) : [];
  const walk = (termId: number, i: number) =>
    db
      .selectFrom(
        db
          .selectFrom('term_relationships')
          .select(['post_id', 'published_at'])
          .where('term_id', '=', termId)
          .where('published_at', 'is not', null)
          .orderBy('published_at', 'desc')
          .orderBy('post_id', 'desc')
          .limit(limit + offset)
          .as(`w${i}`),
      )
      .selectAll();
  let merged = walk(ids[0]!, 0);
  for (let i = 1; i < ids.length; i++) merged = merged.unionAll(walk(ids[i]!, i));
  const rows = await db
    .selectFrom(merged.as('m'))
    .select(['m.post_id', 'm.published_at'])
    .distinct()
    .orderBy('m.published_at', 'desc')
    .orderBy('m.post_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => r.post_id);
}
