// Posts → Categories and Tags, and the editor's category checklist and tag field (issue 13): add, edit,
// merge on rename, delete and bulk delete through the admin forms (CSRF as every admin form), refusals as
// 4xx admin pages that keep what was typed, and the bounded tag suggestions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { defaultCategory, findTermBySlug, termsOfPosts } from '../../src/terms/repository.js';
import type { User } from '../../src/db/schema.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe('admin categories and tags', () => {
  let t: TestApp;
  let admin: User;
  let author: User;
  let asAdmin: SignedIn;
  let asAuthor: SignedIn;
  const post = (s: SignedIn, url: string, fields: Record<string, string | string[]>) => t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...form }, payload: s.form(fields) });
  const get = (s: SignedIn, url: string) => t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
    asAdmin = await signIn(t, admin);
    asAuthor = await signIn(t, author);
  });
  afterAll(() => t.close());

  it('adds categories under a parent and lists them with counts; refusals keep the input in the admin layout', async () => {
    expect((await post(asAdmin, '/admin/categories', { name: 'Animals', slug: '', description: 'All of them', parent: '' })).statusCode).toBe(303);
    const animals = (await findTermBySlug(t.ctx.db, 'category', 'animals'))!;
    expect((await post(asAdmin, '/admin/categories', { name: 'Foxes', slug: 'foxes', description: '', parent: String(animals.id) })).statusCode).toBe(303);
    const page = cheerio.load((await get(asAdmin, '/admin/categories')).body);
    expect(page('table.terms td.title strong').map((_, e) => page(e).text()).get()).toEqual(['Animals', 'Foxes', 'Uncategorized']);
    expect(page('#term-parent option').map((_, e) => page(e).text()).get()).toEqual(['None', 'Animals', '— Foxes', 'Uncategorized']);
    expect(page('nav.admin-menu a.active').text()).toBe('Categories');

    const dup = await post(asAdmin, '/admin/categories', { name: 'Animals', slug: '', description: 'typed text', parent: '' });
    expect(dup.statusCode).toBe(409);
    const $ = cheerio.load(dup.body);
    expect($('nav.admin-menu').length).toBe(1);
    expect($('#name-error').text()).toContain('already exists');
    expect($('#term-description').text()).toBe('typed text');
    expect((await post(asAdmin, '/admin/categories', { name: '', slug: 'Bad Slug!', description: '', parent: '' })).statusCode).toBe(400);
  });

  it('refuses without a CSRF token, and refuses authors', async () => {
    const noToken = await t.app.inject({ method: 'POST', url: '/admin/tags', headers: { ...asAdmin.headers, ...form }, payload: 'name=x' });
    expect(noToken.statusCode).toBe(403);
    expect((await get(asAuthor, '/admin/categories')).statusCode).toBe(403);
  });

  it('the editor files a post under ticked categories and typed tags, and shows them back', async () => {
    const fresh = cheerio.load((await get(asAuthor, '/admin/posts/new')).body);
    const d = await defaultCategory(t.ctx.db);
    // Nothing is ticked in advance; the hint says which category a post with none ticked goes to.
    expect(fresh('input[name="post_category"]:checked').length).toBe(0);
    expect(fresh('.terms-box .hint').first().text()).toContain(`filed under ${d.name}`);
    expect(fresh('.category-checklist li.depth-1').text()).toContain('Foxes');
    const foxes = (await findTermBySlug(t.ctx.db, 'category', 'foxes'))!;
    const saved = await post(asAuthor, '/admin/posts', { title: 'Fox', slug: '', content: 'x', excerpt: '', status: 'published', date: '', to_ping: '', terms_sent: '1', post_category: [String(foxes.id)], tags_input: 'red fox, night , Night,' });
    expect(saved.statusCode).toBe(303);
    const id = Number(/posts\/(\d+)\/edit/.exec(String(saved.headers.location))![1]);
    const terms = (await termsOfPosts(t.ctx.db, [id])).get(id)!;
    expect(terms.map((x) => x.name)).toEqual(['Foxes', 'night', 'red fox']);
    const again = cheerio.load((await get(asAuthor, `/admin/posts/${id}/edit`)).body);
    expect(again(`input[name="post_category"][value="${foxes.id}"]`).attr('checked')).toBeDefined();
    expect(again(`input[name="post_category"][value="${d.id}"]`).attr('checked')).toBeUndefined();
    expect(again('#tags_input').val()).toBe('night, red fox');
    // An editor form without the terms box (terms_sent absent) leaves the terms alone.
    await post(asAuthor, `/admin/posts/${id}`, { title: 'Fox!', slug: '', content: 'x', excerpt: '', status: 'published', date: '', to_ping: '' });
    expect((await termsOfPosts(t.ctx.db, [id])).get(id)!.length).toBe(3);
    // A refused save keeps the ticked categories and typed tags.
    const refused = await post(asAuthor, `/admin/posts/${id}`, { title: 'x'.repeat(400), slug: '', content: 'x', excerpt: '', status: 'published', date: '', to_ping: '', terms_sent: '1', post_category: [String(d.id)], tags_input: 'kept, typed' });
    expect(refused.statusCode).toBe(400);
    const r = cheerio.load(refused.body);
    expect(r('#tags_input').val()).toBe('kept, typed');
    expect(r(`input[name="post_category"][value="${d.id}"]`).attr('checked')).toBeDefined();
  });

  it('suggests existing tags by prefix, for signed-in users only', async () => {
    const res = await t.app.inject({ url: '/admin/tags/suggest?q=dog,%20Re', headers: { ...asAuthor.headers, accept: 'application/json' } });
    expect(res.json()).toEqual({ tags: ['red fox'] });
    const anon = await t.app.inject({ url: '/admin/tags/suggest?q=re' });
    expect(anon.statusCode).toBe(303);
  });

  it('renaming onto another tag offers a merge (409), and merges when ticked', async () => {
    await post(asAdmin, '/admin/tags', { name: 'Nighttime', slug: '', description: '' });
    const nighttime = (await findTermBySlug(t.ctx.db, 'post_tag', 'nighttime'))!;
    const night = (await findTermBySlug(t.ctx.db, 'post_tag', 'night'))!;
    const clash = await post(asAdmin, `/admin/tags/${nighttime.id}`, { name: 'night', slug: '', description: '' });
    expect(clash.statusCode).toBe(409);
    expect(cheerio.load(clash.body)('.merge-offer').text()).toContain('Merge into “night”');
    const merged = await post(asAdmin, `/admin/tags/${nighttime.id}`, { name: 'night', slug: '', description: '', merge: '1' });
    expect(merged.headers.location).toBe(`/admin/tags/${night.id}/edit`);
    expect(await findTermBySlug(t.ctx.db, 'post_tag', 'nighttime')).toBeUndefined();
  });

  it('deletes one or many; the default category cannot be deleted; unknown ids are 404 admin pages', async () => {
    const d = await defaultCategory(t.ctx.db);
    const refused = await post(asAdmin, `/admin/categories/${d.id}/delete`, {});
    expect(refused.statusCode).toBe(400);
    expect(cheerio.load(refused.body)('.form-error').text()).toContain('cannot be deleted');
    const foxes = (await findTermBySlug(t.ctx.db, 'category', 'foxes'))!;
    const animals = (await findTermBySlug(t.ctx.db, 'category', 'animals'))!;
    expect((await post(asAdmin, '/admin/categories/bulk', { action: 'delete', ids: [String(foxes.id), String(animals.id)] })).statusCode).toBe(303);
    expect(await findTermBySlug(t.ctx.db, 'category', 'foxes')).toBeUndefined();
    const missing = await get(asAdmin, `/admin/categories/${foxes.id}/edit`);
    expect(missing.statusCode).toBe(404);
    expect(cheerio.load(missing.body)('nav.admin-menu').length).toBe(1);
    expect((await post(asAdmin, '/admin/categories/bulk', { action: '' })).statusCode).toBe(400);
  });
});
