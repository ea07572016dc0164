// The posts list: status tabs with counts, search, 20 a page, authors limited to their own posts, and the
// trash / restore / delete-permanently row actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { createPost } from '../../src/posts/service.js';
import { findPostById } from '../../src/posts/repository.js';
import type { User } from '../../src/db/schema.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

function titles(html: string): string[] {
  return [...html.matchAll(/<td class="title">\s*(?:<a [^>]*>)?<strong>([^<]*)<\/strong>/g)].map((m) => m[1]);
}

describe('admin posts list', () => {
  let t: TestApp;
  let admin: User;
  let author: User;
  let asAdmin: SignedIn;
  let asAuthor: SignedIn;
  const get = (s: SignedIn, url: string) => t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
    asAdmin = await signIn(t, admin);
    asAuthor = await signIn(t, author);
    // 23 published by the admin, 2 drafts and 1 scheduled by the author.
    for (let i = 1; i <= 23; i++) {
      await createPost(t.ctx, admin, { title: `Admin post ${i}`, content: `<p>Body ${i}</p>`, status: 'published' });
      t.clock.advance(60_000);
    }
    await createPost(t.ctx, author, { title: 'Author draft about zebras', content: '<p>stripes</p>', status: 'draft' });
    await createPost(t.ctx, author, { title: 'Author second draft', content: '', status: 'draft' });
    await createPost(t.ctx, author, { title: 'Author future', content: '<p>later</p>', status: 'scheduled', date: '2030-01-01T00:00:00Z' });
  });
  afterAll(() => t.close());

  it('shows every tab with its count and 20 posts a page', async () => {
    const res = await get(asAdmin, '/admin/posts');
    expect(res.statusCode).toBe(200);
    for (const [label, n] of [['All', 26], ['Drafts', 2], ['Scheduled', 1], ['Published', 23], ['Trash', 0]] as const) {
      expect(res.body).toMatch(new RegExp(`>${label} <span class="count">\\(${n}\\)</span>`));
    }
    expect(titles(res.body)).toHaveLength(20);
    expect(res.body).toContain('Page 1 of 2');
    const page2 = await get(asAdmin, '/admin/posts?page=2');
    expect(titles(page2.body)).toHaveLength(6);
    const beyond = await get(asAdmin, '/admin/posts?page=9');
    expect(beyond.statusCode).toBe(200);
    expect(beyond.body).toContain('No posts found.');
    const junk = await get(asAdmin, '/admin/posts?page=-3&status=nonsense');
    expect(junk.statusCode).toBe(200);
    expect(titles(junk.body)).toHaveLength(20);
  });

  it('filters by tab and by search', async () => {
    const drafts = await get(asAdmin, '/admin/posts?status=draft');
    expect(titles(drafts.body).sort()).toEqual(['Author draft about zebras', 'Author second draft']);
    const scheduled = await get(asAdmin, '/admin/posts?status=scheduled');
    expect(titles(scheduled.body)).toEqual(['Author future']);
    const search = await get(asAdmin, '/admin/posts?s=zebras');
    expect(titles(search.body)).toEqual(['Author draft about zebras']);
    const inBody = await get(asAdmin, '/admin/posts?s=Body%2017');
    expect(titles(inBody.body)).toEqual(['Admin post 17']);
    const none = await get(asAdmin, '/admin/posts?status=published&s=zebras');
    expect(titles(none.body)).toEqual([]);
  });

  it('shows an author only their own posts and counts', async () => {
    const res = await get(asAuthor, '/admin/posts');
    expect(titles(res.body).sort()).toEqual(['Author draft about zebras', 'Author future', 'Author second draft']);
    expect(res.body).toMatch(/>All <span class="count">\(3\)<\/span>/);
    expect(res.body).toMatch(/>Published <span class="count">\(0\)<\/span>/);
  });

  it('links published posts to their permalink and others to the preview', async () => {
    const res = await get(asAuthor, '/admin/posts?status=draft');
    expect(res.body).toMatch(/href="\/\?p=\d+&amp;preview=true">Preview</);
    const pub = await get(asAdmin, '/admin/posts?status=published&page=2');
    expect(pub.body).toMatch(/href="\/2026\/01\/15\/admin-post-1\/">View</);
  });

  it('trashes, restores and deletes with CSRF-protected POSTs, back to the same view', async () => {
    const { posts } = await t.ctx.db.selectFrom('posts').selectAll().where('title', '=', 'Author second draft').execute().then((p) => ({ posts: p }));
    const id = posts[0].id;
    const noToken = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}/trash`, headers: { ...asAuthor.headers, ...form }, payload: '' });
    expect(noToken.statusCode).toBe(403);
    const byOther = await t.app.inject({ method: 'POST', url: `/admin/posts/1/trash`, headers: { ...asAuthor.headers, ...form }, payload: asAuthor.form({}) });
    expect(byOther.statusCode).toBe(403);
    expect((await findPostById(t.ctx.db, 1))?.status).toBe('published');

    const trash = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}/trash`, headers: { ...asAuthor.headers, ...form }, payload: asAuthor.form({ back: '/admin/posts?status=draft' }) });
    expect(trash.statusCode).toBe(303);
    expect(trash.headers.location).toBe('/admin/posts?status=draft');
    const list = await get(asAuthor, '/admin/posts?status=trash');
    expect(titles(list.body)).toEqual(['Author second draft']);
    expect(list.body).toContain('Post moved to the trash.');
    expect(list.body).toContain('>Restore</button>');
    expect(list.body).toContain('>Delete permanently</button>');

    const restore = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}/restore`, headers: { ...asAuthor.headers, ...form }, payload: asAuthor.form({ back: 'https://evil.example/' }) });
    expect(restore.headers.location).toBe('/admin/posts');
    expect((await findPostById(t.ctx.db, id))?.status).toBe('draft');

    await t.app.inject({ method: 'POST', url: `/admin/posts/${id}/trash`, headers: { ...asAuthor.headers, ...form }, payload: asAuthor.form({}) });
    const del = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}/delete`, headers: { ...asAuthor.headers, ...form }, payload: asAuthor.form({}) });
    expect(del.statusCode).toBe(303);
    expect(await findPostById(t.ctx.db, id)).toBeUndefined();
    const gone = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}/restore`, headers: { ...asAuthor.headers, ...form }, payload: asAuthor.form({}) });
    expect(gone.statusCode).toBe(404);
  });
});
