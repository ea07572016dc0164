// The four roles over HTTP and XML-RPC (issue 16 point 2): a contributor's "Publish" becomes pending and
// they cannot change the post once published or upload; an editor moderates and edits everyone's posts but
// reaches no settings or users; an author cannot edit others' posts. The sidebar offers only what may be done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { findPostById } from '../../src/posts/repository.js';
import type { User } from '../../src/db/schema.js';
import { makePost } from '../comments/fixtures.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const base = { title: 'Review me', slug: '', content: '<p>Words</p>', excerpt: '', status: 'draft', date: '', to_ping: '' };
type Account = User & { password: string };

describe('roles', () => {
  let t: TestApp;
  let admin: Account, editor: Account, author: Account, contributor: Account;
  let asEditor: SignedIn, asAuthor: SignedIn, asContributor: SignedIn;
  const get = (s: SignedIn, url: string) => t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });
  const post = (s: SignedIn, url: string, fields: Record<string, string | string[]>) => t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...form }, payload: s.form(fields) });
  const idFrom = (location: unknown) => Number(/^\/admin\/posts\/(\d+)\/edit$/.exec(String(location))?.[1]);
  const as = (u: Account) => ['1', u.username, u.password];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'chief');
    editor = await createUser(t.ctx, 'editor', 'eddie');
    author = await createUser(t.ctx, 'author', 'auth');
    contributor = await createUser(t.ctx, 'contributor', 'connie');
    asEditor = await signIn(t, editor);
    asAuthor = await signIn(t, author);
    asContributor = await signIn(t, contributor);
  });
  afterAll(() => t.close());

  it('a contributor\'s Publish is submitted for review, and the editor offers "Submit for Review", no upload box', async () => {
    const page = await get(asContributor, '/admin/posts/new');
    expect(page.body).toContain('Submit for Review');
    expect(page.body).not.toContain('id="publish-button"');
    expect(page.body).not.toContain('data-upload');
    expect(page.body).not.toContain('<option value="published"');
    expect(page.body).not.toContain('name="visibility" value="private"');
    const res = await post(asContributor, '/admin/posts', { ...base, action: 'publish', status: 'published' });
    expect(res.statusCode).toBe(303);
    const saved = await findPostById(t.ctx.db, idFrom(res.headers.location));
    expect(saved).toMatchObject({ status: 'pending', author_id: contributor.id });
    const submitted = await post(asContributor, '/admin/posts', { ...base, action: 'submit-review' });
    expect((await findPostById(t.ctx.db, idFrom(submitted.headers.location)))?.status).toBe('pending');
  });

  it('a contributor cannot edit their post once published, nor upload', async () => {
    const published = await makePost(t.ctx, contributor.id, { title: 'Out there' });
    const edit = await get(asContributor, `/admin/posts/${published.id}/edit`);
    expect(edit.statusCode).toBe(403);
    expect(edit.body).toContain('Your role may not change a post once it is published');
    expect(edit.body).toContain('class="admin-menu"');
    const change = await post(asContributor, `/admin/posts/${published.id}`, { ...base, status: 'published' });
    expect(change.statusCode).toBe(403);
    expect((await findPostById(t.ctx.db, published.id))?.title).toBe('Out there');
    expect((await get(asContributor, '/admin/media')).statusCode).toBe(403);
  });

  it('an editor publishes a contributor\'s pending post and edits an author\'s, but reaches no settings or users', async () => {
    const pending = await makePost(t.ctx, contributor.id, { status: 'pending', published_at: null, title: 'Waiting' });
    const res = await post(asEditor, `/admin/posts/${pending.id}`, { ...base, title: 'Waiting', action: 'publish', status: 'pending' });
    expect(res.statusCode).toBe(303);
    expect(await findPostById(t.ctx.db, pending.id)).toMatchObject({ status: 'published', author_id: contributor.id });
    const authors = await makePost(t.ctx, author.id, { title: 'By the author' });
    const edited = await post(asEditor, `/admin/posts/${authors.id}`, { ...base, title: 'Tidied by the editor', status: 'published', action: 'update' });
    expect(edited.statusCode).toBe(303);
    expect((await findPostById(t.ctx.db, authors.id))?.title).toBe('Tidied by the editor');
    for (const url of ['/admin/settings', '/admin/settings/discussion', '/admin/users']) {
      const refused = await get(asEditor, url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.body).toContain('class="admin-menu"');
    }
    expect((await get(asEditor, '/admin/comments')).statusCode).toBe(200);
    expect((await get(asEditor, '/admin/categories')).statusCode).toBe(200);
    expect((await get(asEditor, '/admin/pages')).statusCode).toBe(200);
  });

  it('an editor moderates comments over XML-RPC too; an author may not', async () => {
    expect(Array.isArray(await rpcOk(t, 'wp.getComments', [...as(editor), {}]))).toBe(true);
    expect((await rpcFault(t, 'wp.getComments', [...as(author), {}])).code).toBe(401);
  });

  it('an author cannot edit others\' posts', async () => {
    const others = await makePost(t.ctx, admin.id, { title: 'The admin\'s' });
    expect((await get(asAuthor, `/admin/posts/${others.id}/edit`)).statusCode).toBe(403);
    const res = await post(asAuthor, `/admin/posts/${others.id}`, { ...base, title: 'Hijacked', status: 'published' });
    expect(res.statusCode).toBe(403);
    expect((await findPostById(t.ctx.db, others.id))?.title).toBe('The admin\'s');
    expect((await rpcFault(t, 'wp.editPost', [...as(author), others.id, { post_title: 'Hijacked' }])).code).toBe(401);
  });

  it('XML-RPC: a contributor asking to publish gets WordPress\'s 401; a draft is fine; no uploads', async () => {
    expect(await rpcFault(t, 'wp.newPost', [...as(contributor), { post_title: 'Now', post_content: 'x', post_status: 'publish' }])).toEqual({ code: 401, message: 'Sorry, you are not allowed to publish posts in this post type.' });
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(contributor), { post_title: 'Later', post_content: 'x', post_status: 'pending' }]);
    expect((await findPostById(t.ctx.db, Number(id)))?.status).toBe('pending');
    const fault = await rpcFault(t, 'wp.uploadFile', [...as(contributor), { name: 'a.png', type: 'image/png', bits: Buffer.from('x') }]);
    expect(fault).toEqual({ code: 401, message: 'Sorry, you are not allowed to upload files.' });
  });

  it('XML-RPC user methods name the roles as WordPress 6 does', async () => {
    const users = await rpcOk<Array<{ username: string; roles: string[] }>>(t, 'wp.getUsers', [...as(admin)]);
    expect(Object.fromEntries(users.map((u) => [u.username, u.roles]))).toMatchObject({ chief: ['administrator'], eddie: ['editor'], auth: ['author'], connie: ['contributor'] });
    expect((await rpcOk<Array<{ username: string }>>(t, 'wp.getUsers', [...as(admin), { role: 'editor' }])).map((u) => u.username)).toEqual(['eddie']);
    expect(await rpcOk(t, 'wp.getProfile', [...as(contributor), ['roles']])).toEqual({ user_id: String(contributor.id), roles: ['contributor'] });
    expect((await rpcFault(t, 'wp.getUsers', [...as(editor)])).code).toBe(401);
  });

  it('the sidebar offers only what the role may do', async () => {
    const menu = async (s: SignedIn) => {
      const body = (await get(s, '/admin')).body;
      const nav = body.slice(body.indexOf('class="admin-menu"'), body.indexOf('</nav>'));
      return [...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
    };
    const contributorMenu = await menu(asContributor);
    expect(contributorMenu).toEqual(['/admin', '/admin/posts', '/admin/posts/new', '/admin/deliveries', '/admin/profile', '/admin/application-passwords']);
    const authorMenu = await menu(asAuthor);
    expect(authorMenu).toContain('/admin/media');
    expect(authorMenu).not.toContain('/admin/comments');
    const editorMenu = await menu(asEditor);
    expect(editorMenu).toEqual(expect.arrayContaining(['/admin/comments', '/admin/categories', '/admin/pages', '/admin/media']));
    expect(editorMenu).not.toContain('/admin/settings');
    expect(editorMenu).not.toContain('/admin/users');
  });

  it('private posts are read by the editor and their author, not by another author', async () => {
    const secret = await makePost(t.ctx, admin.id, { status: 'private', title: 'Staff only', slug: 'staff-only' });
    const url = `/?p=${secret.id}`;
    const view = (s: SignedIn) => t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });
    const seen = await view(asEditor);
    expect([200, 301, 302]).toContain(seen.statusCode);
    const byAuthor = await view(asAuthor);
    expect(byAuthor.statusCode).toBe(404);
  });
});
