// The post editor: create and update through the posts service, errors next to fields with the typed text
// kept, dates read in the site's timezone, scheduling, and authors kept to their own posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { findPostById } from '../../src/posts/repository.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { User } from '../../src/db/schema.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const base = { title: '', slug: '', content: '', excerpt: '', status: 'draft', date: '', to_ping: '' };

describe('admin post editor', () => {
  let t: TestApp;
  let admin: User;
  let author: User;
  let asAdmin: SignedIn;
  let asAuthor: SignedIn;
  const save = (s: SignedIn, url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...form }, payload: s.form(fields) });
  const idFrom = (location: unknown) => Number(/^\/admin\/posts\/(\d+)\/edit$/.exec(String(location))?.[1]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
    asAdmin = await signIn(t, admin);
    asAuthor = await signIn(t, author);
  });
  afterAll(() => t.close());

  it('offers an empty form with the discussion defaults ticked and HTML explained', async () => {
    const res = await t.app.inject({ url: '/admin/posts/new', headers: { ...asAuthor.headers, accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    for (const name of ['title', 'slug', 'content', 'excerpt', 'status', 'date', 'to_ping']) expect(res.body).toContain(`name="${name}"`);
    expect(res.body).toMatch(/name="allow_comments" value="1" checked/);
    expect(res.body).toMatch(/name="allow_pings" value="1" checked/);
    expect(res.body).toMatch(/name="notify_links" value="1" checked/);
    expect(res.body).toContain('type="datetime-local"');
    expect(res.body).toContain('Write HTML');
    expect(res.body).toContain('The HTML is cleaned');
    const asAdminPage = await t.app.inject({ url: '/admin/posts/new', headers: { ...asAdmin.headers, accept: 'text/html' } });
    expect(asAdminPage.body).toContain('your HTML is kept as written');
    expect(asAdminPage.body).toMatch(/<a href="\/admin\/posts\/new" class="active"/);
  });

  it('publishes through the service: slug from the title, checkboxes, trackback list, outbound scan queued', async () => {
    const res = await save(asAdmin, '/admin/posts', { ...base, title: 'Hello, Wörld!', content: '<p>See <a href="http://127.0.0.1:9/x">this</a></p>', status: 'published', allow_comments: '1', notify_links: '1', to_ping: 'http://a.example/tb\nhttp://b.example/tb' });
    expect(res.statusCode).toBe(303);
    const post = await findPostById(t.ctx.db, idFrom(res.headers.location));
    expect(post).toMatchObject({ slug: 'hello-world', status: 'published', comment_status: 'open', ping_status: 'closed', notify_links: 1, to_ping: 'http://a.example/tb\nhttp://b.example/tb', published_at: t.clock.now().toISOString() });
    const jobs = await t.ctx.db.selectFrom('jobs').select(['type', 'payload']).where('type', '=', 'linkbacks.scan').execute();
    expect(jobs.map((j) => JSON.parse(j.payload).postId)).toContain(post!.id);
    const edit = await t.app.inject({ url: String(res.headers.location), headers: { ...asAdmin.headers, accept: 'text/html' } });
    expect(edit.body).toContain('Post published.');
    expect(edit.body).toContain('href="/2026/01/15/hello-world/"');
    const again = await save(asAdmin, '/admin/posts', { ...base, title: 'Hello, Wörld!', content: '<p>again</p>', status: 'published' });
    expect((await findPostById(t.ctx.db, idFrom(again.headers.location)))?.slug).toBe('hello-world-2');
  });

  it('refuses a bad form with 400, each error by its field, and keeps what was typed', async () => {
    const typed = { ...base, title: '', slug: 'Bad Slug!', content: '<p>kept & "quoted"</p>', excerpt: 'my excerpt', status: 'published', date: '2026-02-30T10:00', to_ping: 'not a url', allow_pings: '1' };
    const res = await save(asAuthor, '/admin/posts', typed);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="slug-error">Slug may hold only/);
    expect(res.body).toMatch(/id="date-error">Not a valid date and time/);
    expect(res.body).toMatch(/id="to_ping-error">Each trackback URL/);
    expect(res.body).toContain('&lt;p&gt;kept &amp; &quot;quoted&quot;&lt;/p&gt;</textarea>');
    expect(res.body).toContain('value="Bad Slug!"');
    expect(res.body).toContain('value="2026-02-30T10:00"');
    expect(res.body).toContain('not a url</textarea>');
    expect(res.body).toMatch(/name="allow_comments" value="1">/);
    expect(res.body).toMatch(/name="allow_pings" value="1" checked/);
    expect(res.body).toMatch(/<option value="published" selected>/);
    expect(res.body).toMatch(/<a href="\/admin\/posts\/new" class="active"/);
    const noTitle = await save(asAuthor, '/admin/posts', { ...base, content: '<p>x</p>', status: 'published' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.body).toMatch(/id="title-error">A published post needs a title/);
    expect(await t.ctx.db.selectFrom('posts').select('id').where('author_id', '=', author.id).execute()).toHaveLength(0);
  });

  it('schedules a post at a time read in the site timezone, and the worker publishes it when due', async () => {
    await saveSettings(t.ctx.db, { timezone: 'America/New_York' });
    const res = await save(asAuthor, '/admin/posts', { ...base, title: 'Later', content: '<p>soon</p>', status: 'scheduled', date: '2026-01-20T09:00' });
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    expect(await findPostById(t.ctx.db, id)).toMatchObject({ status: 'scheduled', published_at: '2026-01-20T14:00:00.000Z' });
    const edit = await t.app.inject({ url: `/admin/posts/${id}/edit`, headers: { ...asAuthor.headers, accept: 'text/html' } });
    expect(edit.body).toContain('value="2026-01-20T09:00"');
    expect(edit.body).toMatch(/<option value="scheduled" selected>/);
    expect(edit.body).toContain(`href="/?p=${id}&amp;preview=true"`);
    const list = await t.app.inject({ url: '/admin/posts?status=scheduled', headers: { ...asAuthor.headers, accept: 'text/html' } });
    expect(list.body).toContain('<time datetime="2026-01-20T14:00:00.000Z">2026-01-20 09:00</time>');
    await t.app.worker.runUntilIdle();
    expect((await findPostById(t.ctx.db, id))?.status).toBe('scheduled');
    t.clock.set('2026-01-20T14:00:01Z');
    await t.app.worker.runUntilIdle();
    expect((await findPostById(t.ctx.db, id))?.status).toBe('published');
    const noDate = await save(asAuthor, '/admin/posts', { ...base, title: 'When?', content: '<p>x</p>', status: 'scheduled' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.body).toMatch(/id="date-error">Choose when to publish/);
    await saveSettings(t.ctx.db, { timezone: 'UTC' });
  });

  it('updates a post, keeping its date when the date field is left as shown, and sanitises an author', async () => {
    const created = await save(asAuthor, '/admin/posts', { ...base, title: 'Mine', content: '<p>one</p>', status: 'published' });
    const id = idFrom(created.headers.location);
    const before = await findPostById(t.ctx.db, id);
    t.clock.advance(45_000);
    const edit = await t.app.inject({ url: `/admin/posts/${id}/edit`, headers: { ...asAuthor.headers, accept: 'text/html' } });
    const shownDate = /name="date" type="datetime-local" value="([^"]*)"/.exec(edit.body)![1];
    const res = await save(asAuthor, `/admin/posts/${id}`, { ...base, title: 'Mine, edited', slug: 'mine', content: '<p>two</p><script>alert(1)</script>', status: 'published', date: shownDate });
    expect(res.statusCode).toBe(303);
    const after = await findPostById(t.ctx.db, id);
    expect(after).toMatchObject({ title: 'Mine, edited', published_at: before!.published_at, status: 'published' });
    expect(after!.content).toContain('<p>two</p>');
    expect(after!.content).not.toContain('<script');
  });

  it('keeps an author away from another author\'s post (403) and answers unknown posts with 404', async () => {
    const other = await save(asAdmin, '/admin/posts', { ...base, title: 'Admin only', content: '<p>a</p>', status: 'published' });
    const id = idFrom(other.headers.location);
    const view = await t.app.inject({ url: `/admin/posts/${id}/edit`, headers: { ...asAuthor.headers, accept: 'text/html' } });
    expect(view.statusCode).toBe(403);
    const write = await save(asAuthor, `/admin/posts/${id}`, { ...base, title: 'Hijacked', content: '<p>x</p>', status: 'published' });
    expect(write.statusCode).toBe(403);
    expect((await findPostById(t.ctx.db, id))?.title).toBe('Admin only');
    const adminMay = await t.app.inject({ url: `/admin/posts/${id}/edit`, headers: { ...asAdmin.headers, accept: 'text/html' } });
    expect(adminMay.statusCode).toBe(200);
    for (const url of ['/admin/posts/99999/edit', '/admin/posts/abc/edit']) {
      const res = await t.app.inject({ url, headers: { ...asAdmin.headers, accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
    }
    const forged = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}`, headers: { ...asAdmin.headers, ...form }, payload: 'title=x&content=y&status=draft&_csrf=bad' });
    expect(forged.statusCode).toBe(403);
  });
});
