// Issue 13 point 6, the post states over XML-RPC as WordPress 6 answers them: post_status private and
// pending on every post method, post_password / wp_password and sticky with _toggle_sticky's faults,
// wp.getPosts' comma-separated and "any" statuses, software_version, and a draft's link that previews.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostById } from '../../src/posts/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';

describe('post states over XML-RPC', () => {
  let t: TestApp;
  let admin: { username: string; password: string; id: number };
  let author: { username: string; password: string; id: number };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
  });
  afterAll(() => t.close());
  const as = (u: { username: string; password: string }) => ['1', u.username, u.password];
  const statusOf = async (id: string) => (await findPostById(t.ctx.db, Number(id)))?.status;

  it('makes a post private (not a draft) and pending through wp.*, metaWeblog.* and blogger.*', async () => {
    const wp = await rpcOk<string>(t, 'wp.newPost', [...as(author), { post_title: 'Private wp', post_content: 'x', post_status: 'private' }]);
    expect(await statusOf(wp)).toBe('private');
    const mw = await rpcOk<string>(t, 'metaWeblog.newPost', [...as(author), { title: 'Private mw', description: 'x', post_status: 'private' }, true]);
    expect(await statusOf(mw)).toBe('private');
    const pending = await rpcOk<string>(t, 'metaWeblog.newPost', [...as(author), { title: 'Pending mw', description: 'x', post_status: 'pending' }, false]);
    expect(await statusOf(pending)).toBe('pending');
    expect(await rpcOk(t, 'wp.editPost', [...as(author), pending, { post_status: 'private' }])).toBe(true);
    expect(await statusOf(pending)).toBe('private');
    // metaWeblog.editPost without the publish flag or a post_status keeps a private post private.
    expect(await rpcOk(t, 'metaWeblog.editPost', [mw, author.username, author.password, { title: 'Still private' }])).toBe(true);
    expect(await statusOf(mw)).toBe('private');
    const got = await rpcOk<Record<string, unknown>>(t, 'metaWeblog.getPost', [mw, author.username, author.password]);
    expect(got.post_status).toBe('private');
    expect(String(got.link)).toMatch(/^http:\/\/blog\.test\/\d{4}\/\d{2}\/\d{2}\/private-mw\/$/);
    expect((await rpcOk<Record<string, unknown>>(t, 'wp.getPost', [...as(author), wp])).post_status).toBe('private');
  });

  it('stores post_password and wp_password and gives them back, with sticky, in getPost', async () => {
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(admin), { post_title: 'Locked', post_content: 'x', post_status: 'publish', post_password: 'pw1' }]);
    expect(await rpcOk(t, 'wp.getPost', [...as(admin), id])).toMatchObject({ post_password: 'pw1', sticky: false });
    const mw = await rpcOk<string>(t, 'metaWeblog.newPost', [...as(admin), { title: 'Locked mw', description: 'x', wp_password: 'pw2' }, true]);
    expect(await rpcOk(t, 'metaWeblog.getPost', [mw, admin.username, admin.password])).toMatchObject({ wp_password: 'pw2', sticky: false });
    expect(await rpcOk(t, 'wp.editPost', [...as(admin), id, { post_password: '' }])).toBe(true);
    expect((await findPostById(t.ctx.db, Number(id)))?.password).toBe('');
  });

  it('sticks posts for admins, with WordPress\'s 401 faults for an author or a private post', async () => {
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(admin), { post_title: 'Stuck', post_content: 'x', post_status: 'publish', sticky: true }]);
    expect((await rpcOk<Record<string, unknown>>(t, 'wp.getPost', [...as(admin), id])).sticky).toBe(true);
    expect(await rpcOk(t, 'wp.editPost', [...as(admin), id, { sticky: 'false' }])).toBe(true);
    expect((await findPostById(t.ctx.db, Number(id)))?.sticky).toBe(0);
    expect(await rpcFault(t, 'wp.newPost', [...as(author), { post_title: 'Mine', post_content: 'x', post_status: 'publish', sticky: true }])).toEqual({ code: 401, message: 'Sorry, you are not allowed to make posts sticky.' });
    expect(await rpcFault(t, 'wp.newPost', [...as(admin), { post_title: 'P', post_content: 'x', post_status: 'private', sticky: true }])).toEqual({ code: 401, message: 'Sorry, you cannot stick a private post.' });
    expect(await rpcFault(t, 'metaWeblog.newPost', [...as(admin), { title: 'P', description: 'x', wp_password: 'pw', sticky: 1 }, true])).toEqual({ code: 401, message: 'Sorry, you cannot stick a private post.' });
  });

  it('lists wp.getPosts by comma-separated statuses, "any", private and pending; by default the public and private ones', async () => {
    const statuses = async (filter: Record<string, unknown>) =>
      new Set((await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getPosts', [...as(admin), { number: 200, ...filter }])).map((p) => p.post_status));
    await rpcOk(t, 'wp.newPost', [...as(admin), { post_title: 'A draft', post_content: 'x' }]);
    expect(await statuses({ post_status: 'publish,private' })).toEqual(new Set(['publish', 'private']));
    expect(await statuses({ post_status: 'pending' })).toEqual(new Set([]));
    expect(await statuses({ post_status: 'private' })).toEqual(new Set(['private']));
    expect(await statuses({ post_status: 'draft, pending' })).toEqual(new Set(['draft']));
    expect(await statuses({ post_status: ['draft', 'publish'] })).toEqual(new Set(['draft', 'publish']));
    expect(await statuses({ post_status: 'any' })).toEqual(new Set(['publish', 'private', 'draft']));
    expect(await statuses({})).toEqual(new Set(['publish', 'private']));
    const ordered = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getPosts', [...as(admin), { post_status: 'publish,private,draft', number: 200 }]);
    const dates = ordered.map((p) => (p.post_date as Date).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const page = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getPosts', [...as(admin), { post_status: 'publish,private,draft', number: 2, offset: 1 }]);
    expect(page.map((p) => p.post_id)).toEqual(ordered.slice(1, 3).map((p) => p.post_id));
  });

  it('gives a draft a link that previews it for its signed-in author and is a 404 for anyone else', async () => {
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(author), { post_title: 'Unfinished', post_content: '<p>Soon</p>' }]);
    const { link } = await rpcOk<{ link: string }>(t, 'wp.getPost', [...as(author), id]);
    const { permaLink } = await rpcOk<{ permaLink: string }>(t, 'metaWeblog.getPost', [id, author.username, author.password]);
    expect(link).toBe(`http://blog.test/?p=${id}&preview=true`);
    expect(permaLink).toBe(link);
    const path = link.slice('http://blog.test'.length);
    const session = await signIn(t, author);
    const res = await t.app.inject({ url: path, headers: session.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Soon');
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
  });

  it('answers wp.getOptions with software_version and wp.getPostStatusList with WordPress\'s statuses', async () => {
    const options = await rpcOk<Record<string, { value: string; readonly: boolean }>>(t, 'wp.getOptions', [...as(author)]);
    expect(options.software_version).toEqual({ desc: 'Software Version', readonly: true, value: expect.stringMatching(/^\d+\.\d+(\.\d+)?$/) });
    expect(Number(options.software_version!.value.split('.')[0])).toBeGreaterThanOrEqual(6);
    expect(await rpcOk(t, 'wp.getOptions', [...as(author), ['software_version']])).toEqual({ software_version: options.software_version });
    expect(await rpcOk(t, 'wp.getPostStatusList', [...as(author)])).toEqual({ draft: 'Draft', pending: 'Pending Review', private: 'Private', publish: 'Published' });
  });
});
