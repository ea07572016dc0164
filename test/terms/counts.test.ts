// Term counts (migration 0013) must equal the number of published posts filed under each term, whichever
// door wrote: the posts service (publish, schedule, unpublish, trash, restore, delete), the terms service
// (delete, merge), and plain SQL as an import script would use. Renaming never touches counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { makePost } from '../comments/fixtures.js';
import { createPost, deletePostForever, publishIfDue, restorePost, trashPost, updatePost } from '../../src/posts/service.js';
import { createTerm, deleteTerm, updateTerm } from '../../src/terms/service.js';
import { defaultCategory, findTermBySlug, termsOfPosts } from '../../src/terms/repository.js';
import { readSiteGeneration } from '../../src/cache/site-generation.js';
import type { Term, User } from '../../src/db/schema.js';

let t: TestApp;
let admin: User;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-15T12:00:00.000Z'));
  admin = await createUser(t.ctx, 'admin');
});
afterAll(() => t.close());

/** Every term's stored count against a count of published posts done the slow way. */
async function expectCountsTrue() {
  const db = t.ctx.db;
  const truth = await db
    .selectFrom('terms as t')
    .select(['t.id', 't.count', (eb) => eb.selectFrom('term_relationships as r').innerJoin('posts as p', 'p.id', 'r.post_id').select((e) => e.fn.countAll<number>().as('n')).whereRef('r.term_id', '=', 't.id').where('p.status', '=', 'published').as('real')])
    .execute();
  for (const r of truth) expect({ id: r.id, count: Number(r.count) }).toEqual({ id: r.id, count: Number(r.real) });
  const stale = await db
    .selectFrom('term_relationships as r')
    .innerJoin('posts as p', 'p.id', 'r.post_id')
    .select('r.post_id')
    .where(sql<boolean>`(r.published_at is null) <> (p.status <> 'published')`)
    .execute();
  expect(stale).toEqual([]);
}

const countOf = async (id: number) => Number((await t.ctx.db.selectFrom('terms').select('count').where('id', '=', id).executeTakeFirstOrThrow()).count);

describe('term counts', () => {
  let news: Term;
  let cats: Term;

  it('the migration made the default category, flagged, with nothing in it yet', async () => {
    const d = await defaultCategory(t.ctx.db);
    expect(d).toMatchObject({ name: 'Uncategorized', slug: 'uncategorized', taxonomy: 'category', is_default: 1 });
  });

  it('a new post without categories is filed under the default; counts follow publish, trash, restore, delete', async () => {
    const r1 = await createTerm(t.ctx, 'category', { name: 'News' });
    const r2 = await createTerm(t.ctx, 'category', { name: 'Cats', parentId: r1.ok ? r1.term.id : null });
    if (!r1.ok || !r2.ok) throw new Error('terms not created');
    news = r1.term;
    cats = r2.term;
    const plain = await createPost(t.ctx, admin, { title: 'Plain', content: 'x', status: 'published' });
    if (!plain.ok) throw new Error('post');
    const filed = await createPost(t.ctx, admin, { title: 'Filed', content: 'x', status: 'draft', categoryIds: [news.id, cats.id], tags: ['Fox', 'Dog', 'fox'] });
    if (!filed.ok) throw new Error('post');
    const terms = await termsOfPosts(t.ctx.db, [plain.post.id, filed.post.id]);
    expect(terms.get(plain.post.id)!.map((x) => x.slug)).toEqual(['uncategorized']);
    expect(terms.get(filed.post.id)!.map((x) => `${x.taxonomy}:${x.name}`)).toEqual(['category:Cats', 'category:News', 'post_tag:Dog', 'post_tag:Fox']);
    expect(await countOf(news.id)).toBe(0);
    await expectCountsTrue();

    await updatePost(t.ctx, admin, filed.post.id, { title: 'Filed', content: 'x', status: 'published' });
    expect(await countOf(news.id)).toBe(1);
    expect((await termsOfPosts(t.ctx.db, [filed.post.id])).get(filed.post.id)!.length).toBe(4);
    await expectCountsTrue();
    await trashPost(t.ctx, admin, filed.post.id);
    expect(await countOf(news.id)).toBe(0);
    await restorePost(t.ctx, admin, filed.post.id);
    await updatePost(t.ctx, admin, filed.post.id, { title: 'Filed', content: 'x', status: 'published', date: '2026-03-20T00:00:00Z' });
    expect(await countOf(news.id)).toBe(0);
    t.clock.set(new Date('2026-03-21T00:00:00.000Z'));
    await publishIfDue(t.ctx, filed.post.id);
    expect(await countOf(news.id)).toBe(1);
    await expectCountsTrue();
    await deletePostForever(t.ctx, admin, filed.post.id);
    expect(await countOf(news.id)).toBe(0);
    expect(await countOf((await findTermBySlug(t.ctx.db, 'post_tag', 'fox'))!.id)).toBe(0);
    await expectCountsTrue();
  });

  it('deleting a category files its posts that would have none under the default; the default cannot go', async () => {
    const only = await createPost(t.ctx, admin, { title: 'Only cats', content: 'x', status: 'published', categoryIds: [cats.id] });
    const both = await createPost(t.ctx, admin, { title: 'Both', content: 'x', status: 'published', categoryIds: [cats.id, news.id] });
    if (!only.ok || !both.ok) throw new Error('post');
    const before = await readSiteGeneration(t.ctx.db);
    expect((await deleteTerm(t.ctx, cats.id)).ok).toBe(true);
    expect((await readSiteGeneration(t.ctx.db)).generation).toBeGreaterThan(before.generation);
    const terms = await termsOfPosts(t.ctx.db, [only.post.id, both.post.id]);
    expect(terms.get(only.post.id)!.map((x) => x.slug)).toEqual(['uncategorized']);
    expect(terms.get(both.post.id)!.map((x) => x.slug)).toEqual(['news']);
    const d = await defaultCategory(t.ctx.db);
    expect(await deleteTerm(t.ctx, d.id)).toMatchObject({ ok: false, status: 400 });
    await expectCountsTrue();
  });

  it('renaming to another term’s name is refused with that term, and merges when asked', async () => {
    const a = await createTerm(t.ctx, 'post_tag', { name: 'Kitten' });
    const b = await createTerm(t.ctx, 'post_tag', { name: 'Kittens' });
    if (!a.ok || !b.ok) throw new Error('tags');
    const p = await createPost(t.ctx, admin, { title: 'K', content: 'x', status: 'published', tags: ['Kitten', 'Kittens'] });
    const q = await createPost(t.ctx, admin, { title: 'K2', content: 'x', status: 'published', tags: ['Kitten'] });
    if (!p.ok || !q.ok) throw new Error('post');
    const refused = await updateTerm(t.ctx, a.term.id, { name: 'Kittens' });
    expect(refused).toMatchObject({ ok: false, status: 409, existing: { id: b.term.id } });
    const merged = await updateTerm(t.ctx, a.term.id, { name: 'Kittens' }, { merge: true });
    expect(merged).toMatchObject({ ok: true, term: { id: b.term.id, count: 2 } });
    await expectCountsTrue();
  });

  it('a category cannot become its own descendant', async () => {
    const top = await createTerm(t.ctx, 'category', { name: 'Top' });
    if (!top.ok) throw new Error('top');
    const child = await createTerm(t.ctx, 'category', { name: 'Child', parentId: top.term.id });
    if (!child.ok) throw new Error('child');
    expect(await updateTerm(t.ctx, top.term.id, { name: 'Top', parentId: child.term.id })).toMatchObject({ ok: false, status: 400 });
    expect(await updateTerm(t.ctx, top.term.id, { name: 'Top', parentId: top.term.id })).toMatchObject({ ok: false, status: 400 });
  });

  it('plain SQL writes keep counts right too', async () => {
    const post = await makePost(t.ctx, admin.id, { status: 'published' });
    await t.ctx.db.insertInto('term_relationships').values({ post_id: post.id, term_id: news.id }).execute();
    await expectCountsTrue();
    await t.ctx.db.updateTable('posts').set({ status: 'draft' }).where('id', '=', post.id).execute();
    await expectCountsTrue();
    await t.ctx.db.updateTable('posts').set({ status: 'published' }).where('id', '=', post.id).execute();
    await t.ctx.db.deleteFrom('posts').where('id', '=', post.id).execute();
    await expectCountsTrue();
  });
});
