// Issue 15 through the admin HTTP routes: formats (Markdown rendered and sanitised, source kept; wpautop for
// plain text), autosave per user per post with the editor's offer, revisions with diff, restore and pruning,
// preview before saving (nothing written, no job, never cached), the publishing buttons and the
// publish-now bug, and XML-RPC wp.getRevisions / wp.restoreRevision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { findPostById } from '../../src/posts/repository.js';
import { saveSettings } from '../../src/settings/repository.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';
import type { User } from '../../src/db/schema.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const base = { title: '', slug: '', content: '', excerpt: '', status: 'draft', date: '', to_ping: '', format: 'html' };

describe('writing: formats, autosave, revisions, preview, publishing', () => {
  let t: TestApp;
  let admin: User & { password: string };
  let author: User & { password: string };
  let other: User & { password: string };
  let asAuthor: SignedIn;
  let asOther: SignedIn;
  const send = (s: SignedIn, url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...form }, payload: s.form(fields) });
  const get = (s: SignedIn, url: string) => t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });
  const idFrom = (location: unknown) => Number(/^\/admin\/posts\/(\d+)\/edit$/.exec(String(location))?.[1]);
  const create = async (fields: Record<string, string>) => {
    const res = await send(asAuthor, '/admin/posts', { ...base, ...fields });
    expect(res.statusCode).toBe(303);
    return idFrom(res.headers.location);
  };
  const jobCount = async () => Number((await t.ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
    other = await createUser(t.ctx, 'author');
    asAuthor = await signIn(t, author);
    asOther = await signIn(t, other);
  });
  afterAll(() => t.close());

  it('stores Markdown rendered and sanitised, keeps the source, and reopens it as Markdown', async () => {
    const source = '## Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n**bold** [x](javascript:alert(1))';
    const id = await create({ title: 'MD', content: source, format: 'markdown' });
    const post = await findPostById(t.ctx.db, id);
    expect(post).toMatchObject({ format: 'markdown', source });
    expect(post!.content).toContain('<table>');
    expect(post!.content).toContain('<td>1</td>');
    expect(post!.content).toContain('<strong>bold</strong>');
    expect(post!.content).not.toMatch(/<script|alert\(1\)<\/script|href="javascript:/);
    const page = await get(asAuthor, `/admin/posts/${id}/edit`);
    expect(page.body).toContain('<option value="markdown" selected>');
    expect(page.body).toContain('## Title');
    expect(page.body).not.toContain('&lt;table&gt;');
  });

  it('gives plain text paragraphs and line breaks as wpautop, and leaves block HTML alone', async () => {
    const plain = await create({ title: 'Plain', content: 'First line\nsecond line\n\nNew paragraph' });
    expect((await findPostById(t.ctx.db, plain))!.content).toBe('<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>\n');
    const html = await create({ title: 'HTML', content: '<p>Already</p>\n\n<p>Fine</p>' });
    expect((await findPostById(t.ctx.db, html))!.content).toBe('<p>Already</p>\n\n<p>Fine</p>');
  });

  it('refuses an unknown format with the field named and the text kept', async () => {
    const res = await send(asAuthor, '/admin/posts', { ...base, title: 'Odd', content: 'kept text', format: 'rtf' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose HTML or Markdown');
    expect(res.body).toContain('kept text');
  });

  it('autosaves per user per post, behind CSRF, and offers the newer autosave on reopening', async () => {
    const id = await create({ title: 'Saved', content: '<p>saved</p>' });
    const noToken = await t.app.inject({ method: 'POST', url: '/admin/posts/autosave', headers: { ...asAuthor.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: `post_id=${id}&title=x&content=y` });
    expect(noToken.statusCode).toBe(403);
    t.clock.advance(60_000);
    const ok = await send(asAuthor, '/admin/posts/autosave', { post_id: String(id), title: 'Saved', content: '<p>saved and then typed more</p>', excerpt: '', format: 'html' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ saved: true });
    expect(ok.headers['cache-control']).toContain('no-store');
    // The post itself is untouched.
    expect((await findPostById(t.ctx.db, id))!.content).toBe('<p>saved</p>');
    // Someone else's post cannot be autosaved.
    expect((await send(asOther, '/admin/posts/autosave', { post_id: String(id), title: 'x', content: 'y' })).statusCode).toBe(404);
    const page = await get(asAuthor, `/admin/posts/${id}/edit`);
    expect(page.body).toContain('Restore the autosave');
    const restored = await get(asAuthor, `/admin/posts/${id}/edit?restore=autosave`);
    expect(restored.body).toContain('saved and then typed more');
    // Saving the post drops the autosave: no offer afterwards.
    await send(asAuthor, `/admin/posts/${id}`, { ...base, title: 'Saved', content: '<p>saved and then typed more</p>' });
    expect((await get(asAuthor, `/admin/posts/${id}/edit`)).body).not.toContain('Restore the autosave');
  });

  it('autosaves a post never saved (post 0) and offers it on the next new post', async () => {
    const ok = await send(asOther, '/admin/posts/autosave', { post_id: '', title: 'Unsaved idea', content: 'half a sentence', excerpt: '', format: 'markdown' });
    expect(ok.statusCode).toBe(200);
    const page = await get(asOther, '/admin/posts/new');
    expect(page.body).toContain('Restore the autosave');
    const restored = await get(asOther, '/admin/posts/new?restore=autosave');
    expect(restored.body).toContain('half a sentence');
    expect(restored.body).toContain('<option value="markdown" selected>');
    expect((await send(asOther, '/admin/posts/autosave', { post_id: '', title: 'x'.repeat(301), content: '' })).statusCode).toBe(400);
  });

  it('keeps a revision per save, compares two side by side, restores one, and prunes to the setting', async () => {
    const id = await create({ title: 'Rev', content: '<p>first words</p>' });
    t.clock.advance(1000);
    await send(asAuthor, `/admin/posts/${id}`, { ...base, title: 'Rev', content: '<p>second words</p>' });
    t.clock.advance(1000);
    await send(asAuthor, `/admin/posts/${id}`, { ...base, title: 'Rev', content: '<p>third words</p>' });
    const revisions = await t.ctx.db.selectFrom('post_revisions').selectAll().where('post_id', '=', id).orderBy('id').execute();
    expect(revisions.map((r) => r.content)).toEqual(['<p>first words</p>', '<p>second words</p>', '<p>third words</p>']);
    expect(revisions[0]).toMatchObject({ author_id: author.id, format: 'html', title: 'Rev' });
    const screen = await get(asAuthor, `/admin/posts/${id}/revisions`);
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('<del>second</del>');
    expect(screen.body).toContain('<ins>third</ins>');
    expect((await get(asOther, `/admin/posts/${id}/revisions`)).statusCode).toBe(403);
    const restore = await send(asAuthor, `/admin/revisions/${revisions[0].id}/restore`, {});
    expect(restore.statusCode).toBe(303);
    expect((await findPostById(t.ctx.db, id))!.content).toBe('<p>first words</p>');
    expect((await send(asOther, `/admin/revisions/${revisions[0].id}/restore`, {})).statusCode).toBe(403);
    await saveSettings(t.ctx.db, { revisions_to_keep: 2 });
    await send(asAuthor, `/admin/posts/${id}`, { ...base, title: 'Rev', content: '<p>fifth</p>' });
    const kept = await t.ctx.db.selectFrom('post_revisions').select('content').where('post_id', '=', id).orderBy('id').execute();
    expect(kept.map((r) => r.content)).toEqual(['<p>first words</p>', '<p>fifth</p>']);
    await saveSettings(t.ctx.db, { revisions_to_keep: 0 });
  });

  it('previews the form as the public page, writing nothing, queueing nothing, never cached', async () => {
    const jobsBefore = await jobCount();
    const postsBefore = await t.ctx.db.selectFrom('posts').select('id').execute();
    const res = await send(asAuthor, '/admin/posts/preview', { ...base, post_id: '', title: 'Not yet saved', content: '## Hello\n\nSee [a link](http://example.org/).', format: 'markdown' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.body).toContain('class="post-title p-name">Not yet saved</h1>');
    expect(res.body).toContain('<h2>Hello</h2>');
    expect(res.body).toContain('/static/style.css');
    expect(await jobCount()).toBe(jobsBefore);
    expect(await t.ctx.db.selectFrom('posts').select('id').execute()).toEqual(postsBefore);
    // Changes to a published post are previewed without touching it or pinging.
    const id = await create({ title: 'Live', content: '<p>live text</p>', status: 'published' });
    const jobs = await jobCount();
    const changed = await send(asAuthor, '/admin/posts/preview', { ...base, post_id: String(id), title: 'Live', content: '<p>changed text</p>', status: 'published' });
    expect(changed.body).toContain('changed text');
    expect((await findPostById(t.ctx.db, id))!.content).toBe('<p>live text</p>');
    expect(await jobCount()).toBe(jobs);
    expect((await send(asOther, '/admin/posts/preview', { ...base, post_id: String(id), title: 'x', content: 'y' })).statusCode).toBe(404);
    const noToken = await t.app.inject({ method: 'POST', url: '/admin/posts/preview', headers: { ...asAuthor.headers, ...form }, payload: 'title=x&content=y' });
    expect(noToken.statusCode).toBe(403);
  });

  it('renders the Markdown live preview with the allow-list', async () => {
    const res = await send(asAuthor, '/admin/posts/render', { format: 'markdown', content: '*hi* <img src=x onerror=alert(1)>' });
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toContain('<em>hi</em>');
    expect(res.json().html).not.toContain('onerror');
  });

  it('publishes a scheduled post now when Published is chosen with the date cleared, and by "Publish now"', async () => {
    const future = '2026-02-01T09:00';
    const id = await create({ title: 'Later', content: '<p>x</p>', status: 'scheduled', date: future });
    expect((await findPostById(t.ctx.db, id))!.status).toBe('scheduled');
    await send(asAuthor, `/admin/posts/${id}`, { ...base, title: 'Later', content: '<p>x</p>', status: 'published', date: '', action: 'update' });
    expect(await findPostById(t.ctx.db, id)).toMatchObject({ status: 'published', published_at: t.clock.now().toISOString() });
    const id2 = await create({ title: 'Later 2', content: '<p>x</p>', status: 'scheduled', date: future });
    await send(asAuthor, `/admin/posts/${id2}`, { ...base, title: 'Later 2', content: '<p>x</p>', status: 'scheduled', date: future, action: 'publish-now' });
    expect((await findPostById(t.ctx.db, id2))!.status).toBe('published');
    // "Save draft" makes a draft whatever the select says; "Publish" with a future date schedules.
    const draft = await create({ title: 'D', content: '<p>x</p>', status: 'published', action: 'draft' });
    expect((await findPostById(t.ctx.db, draft))!.status).toBe('draft');
    const sched = await create({ title: 'S', content: '<p>x</p>', status: 'draft', date: future, action: 'schedule' });
    expect((await findPostById(t.ctx.db, sched))!.status).toBe('scheduled');
  });

  it('shows "Edit" on the public post only through an uncached answer, so the shared page never holds it', async () => {
    const id = await create({ title: 'Public', content: '<p>x</p>', status: 'published' });
    const post = (await findPostById(t.ctx.db, id))!;
    const permalink = `/${post.published_at!.slice(0, 4)}/${post.published_at!.slice(5, 7)}/${post.published_at!.slice(8, 10)}/${post.slug}/`;
    const asReader = await t.app.inject({ url: permalink });
    const asWriter = await get(asAuthor, permalink);
    for (const page of [asReader, asWriter]) {
      expect(page.body).toContain(`data-edit-post="${id}"`);
      expect(page.body).not.toContain(`/admin/posts/${id}/edit`);
    }
    expect((await t.app.inject({ url: `/admin/posts/edit-link?id=${id}` })).statusCode).toBe(204);
    expect((await get(asOther, `/admin/posts/edit-link?id=${id}`)).statusCode).toBe(204);
    const mine = await get(asAuthor, `/admin/posts/edit-link?id=${id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ url: `/admin/posts/${id}/edit` });
    expect(mine.headers['cache-control']).toContain('no-store');
  });

  it('counts retrying deliveries as needing attention and says what went wrong in words', async () => {
    const id = await create({ title: 'Links', content: '<p>x</p>' });
    const now = t.clock.now().toISOString();
    await t.ctx.db.insertInto('deliveries').values({ post_id: id, kind: 'link', target_url: 'https://example.org/a', state: 'retrying', attempts: 1, present: 1, last_answer: 'network: example.org: ECONNREFUSED connect ECONNREFUSED 93.184.216.34:443', next_attempt_at: '2026-01-15T14:05:00.000Z', created_at: now, updated_at: now }).execute();
    const dashboard = await get(asAuthor, '/admin');
    expect(dashboard.body).toContain('Could not connect to example.org (connection refused); next try at 14:05');
    const log = await get(asAuthor, `/admin/deliveries?post=${id}`);
    expect(log.body).toContain('Could not connect to example.org (connection refused); next try at 14:05');
    expect(log.body).toContain('ECONNREFUSED 93.184.216.34:443');
  });

  it('answers wp.getRevisions and wp.restoreRevision as WordPress 6', async () => {
    const as = (u: { username: string; password: string }) => ['1', u.username, u.password];
    const id = await create({ title: 'RPC', content: '<p>one</p>' });
    t.clock.advance(1000);
    await send(asAuthor, `/admin/posts/${id}`, { ...base, title: 'RPC', content: '<p>two</p>' });
    const short = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getRevisions', [...as(author), id]);
    expect(short).toHaveLength(2);
    expect(Object.keys(short[0]).sort()).toEqual(['post_date', 'post_date_gmt', 'post_id']);
    const full = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getRevisions', [...as(author), id, ['post']]);
    expect(full[0]).toMatchObject({ post_content: '<p>two</p>', post_type: 'revision', post_status: 'inherit', post_parent: String(id) });
    expect(await rpcOk(t, 'wp.restoreRevision', [...as(author), Number(full[1].post_id)])).toBe(true);
    expect((await findPostById(t.ctx.db, id))!.content).toBe('<p>one</p>');
    expect((await rpcFault(t, 'wp.getRevisions', [...as(other), id])).code).toBe(401);
    expect((await rpcFault(t, 'wp.getRevisions', [...as(author), 999999])).code).toBe(404);
    expect((await rpcFault(t, 'wp.restoreRevision', [...as(author), 999999])).code).toBe(404);
    expect((await rpcFault(t, 'wp.restoreRevision', [...as(other), Number(full[1].post_id)])).code).toBe(401);
    void admin;
  });

  it("tells the link field a public address will be notified (the draft being written is not password-protected)", async () => {
    const res = await get(asAuthor, '/admin/posts/link-verdict?url=' + encodeURIComponent('https://example.org/article'));
    expect(res.statusCode).toBe(200);
    expect(res.json().verdict).toMatch(/^Will be notified/);
  });
});
