// wp.getUser, wp.getUsers, wp.getProfile and wp.getAuthors as WordPress 6 answers them: _prepare_user's
// struct and field groups, and the 401/403/404 faults for what the caller may not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';

describe('the XML-RPC user methods', () => {
  let t: TestApp;
  let admin: { username: string; password: string; id: number };
  let author: { username: string; password: string; id: number };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'boss');
    author = await createUser(t.ctx, 'author', 'writer');
  });
  afterAll(() => t.close());
  const as = (u: { username: string; password: string }) => ['1', u.username, u.password];

  it('wp.getUser gives every _prepare_user field by default, and only user_id plus the fields asked for', async () => {
    const user = await rpcOk<Record<string, unknown>>(t, 'wp.getUser', [...as(admin), author.id]);
    expect(Object.keys(user).sort()).toEqual(['bio', 'display_name', 'email', 'first_name', 'last_name', 'nicename', 'nickname', 'registered', 'roles', 'url', 'user_id', 'username'].sort());
    expect(user).toMatchObject({ user_id: String(author.id), username: 'writer', roles: ['author'] });
    expect(user.registered).toBeInstanceOf(Date);
    expect(await rpcOk(t, 'wp.getUser', [...as(admin), author.id, ['email']])).toEqual({ user_id: String(author.id), email: expect.any(String) });
    expect(Object.keys(await rpcOk<object>(t, 'wp.getUser', [...as(admin), author.id, ['basic']])).sort()).toEqual(['display_name', 'email', 'nicename', 'registered', 'user_id', 'username']);
    expect(await rpcFault(t, 'wp.getUser', [...as(admin), 999999])).toEqual({ code: 404, message: 'Invalid user ID.' });
    expect(await rpcFault(t, 'wp.getUser', [...as(author), admin.id])).toEqual({ code: 401, message: 'Sorry, you are not allowed to edit this user.' });
    expect((await rpcOk<Record<string, unknown>>(t, 'wp.getUser', [...as(author), author.id])).username).toBe('writer');
  });

  it('wp.getUsers lists accounts for admins, by role, number and offset; authors get 401', async () => {
    const all = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getUsers', [...as(admin)]);
    expect(all.map((u) => u.username)).toEqual(['boss', 'writer']);
    expect((await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getUsers', [...as(admin), { role: 'administrator' }])).map((u) => u.roles)).toEqual([['administrator']]);
    expect(await rpcOk(t, 'wp.getUsers', [...as(admin), { role: 'editor' }])).toEqual([]);
    expect(await rpcFault(t, 'wp.getUsers', [...as(admin), { role: 'wizard' }])).toEqual({ code: 403, message: 'Invalid role.' });
    expect((await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getUsers', [...as(admin), { number: 1, offset: 1 }, ['username']]))).toEqual([{ user_id: String(author.id), username: 'writer' }]);
    expect(await rpcFault(t, 'wp.getUsers', [...as(author)])).toEqual({ code: 401, message: 'Sorry, you are not allowed to list users.' });
  });

  it('wp.getUsers orders by login unless orderby says otherwise, honours order with it, and who=authors', async () => {
    const apple = await createUser(t.ctx, 'author', 'apple');
    await t.ctx.db.updateTable('users').set({ display_name: 'Zed Apple', email: 'z@example.org' }).where('id', '=', apple.id).execute();
    const names = async (filter: Record<string, unknown>) => (await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getUsers', [...as(admin), filter, ['username']])).map((u) => u.username);
    // get_users' default: login, ascending.
    expect(await names({})).toEqual(['apple', 'boss', 'writer']);
    expect(await names({ orderby: 'ID' })).toEqual(['boss', 'writer', 'apple']);
    expect(await names({ orderby: 'ID', order: 'DESC' })).toEqual(['apple', 'writer', 'boss']);
    expect(await names({ orderby: 'login', order: 'desc' })).toEqual(['writer', 'boss', 'apple']);
    expect((await names({ orderby: 'display_name', order: 'DESC' }))[0]).toBe('apple');
    expect(await names({ orderby: 'registered', order: 'ASC' })).toEqual(['boss', 'writer', 'apple']);
    // order without orderby is ignored (wp_getUsers passes it only with orderby); an unknown orderby is login.
    expect(await names({ order: 'DESC' })).toEqual(['apple', 'boss', 'writer']);
    expect(await names({ orderby: 'shoe_size' })).toEqual(['apple', 'boss', 'writer']);
    // who=authors: everyone who may write posts (both roles here), with role and paging still applying.
    expect(await names({ who: 'authors' })).toEqual(['apple', 'boss', 'writer']);
    expect(await names({ who: 'authors', role: 'author', number: 1, offset: 1 })).toEqual(['writer']);
    await t.ctx.db.deleteFrom('users').where('id', '=', apple.id).execute();
  });

  it('wp.getProfile is the caller\'s own _prepare_user struct, and wp.getAuthors lists who may write', async () => {
    expect(await rpcOk(t, 'wp.getProfile', [...as(author)])).toMatchObject({ user_id: String(author.id), username: 'writer', roles: ['author'] });
    expect(await rpcOk(t, 'wp.getProfile', [...as(author), ['nickname']])).toEqual({ user_id: String(author.id), nickname: 'writer' });
    expect(await rpcOk(t, 'wp.getAuthors', [...as(author)])).toEqual([
      { user_id: String(admin.id), user_login: 'boss', display_name: expect.any(String) },
      { user_id: String(author.id), user_login: 'writer', display_name: expect.any(String) },
    ]);
    expect((await rpcFault(t, 'wp.getAuthors', ['1', 'writer', 'wrong'])).code).toBe(403);
  });
});
