// An id larger than the tables hold (ids are 32-bit integers on PostgreSQL, where comparing a column with
// 99999999999 is an error, not "no such row") is "not found" or "no filter" at every door, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';

const BIG = '99999999999';
const HUGE = '9999999999';

describe('ids beyond the integer range', () => {
  let t: TestApp;
  let admin: SignedIn;
  let password = '';
  let username = '';
  beforeAll(async () => {
    t = await createTestApp();
    const user = await createUser(t.ctx, 'admin');
    ({ password, username } = user);
    admin = await signIn(t, user);
  });
  afterAll(() => t.close());

  const adminPages = [`/admin/posts/${BIG}/edit`, `/admin/comments?post=${BIG}`, `/admin/deliveries?post=${BIG}`, `/admin/media/${BIG}`, `/admin/media?before=${BIG}`, `/admin/media?after=${BIG}`];
  it.each(adminPages)('admin %s answers without a server error', async (url) => {
    const res = await t.app.inject({ url, headers: { ...admin.headers, accept: 'text/html' } });
    expect(res.statusCode).toBeLessThan(500);
  });

  const publicPages = [`/?p=${HUGE}`, `/?p=${HUGE}&preview=true`, `/feed/comments/?p=${HUGE}`];
  it.each(publicPages)('public %s is not found', async (url) => {
    const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
  });

  it('a TrackBack to such an id is refused in TrackBack XML', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/trackback/${HUGE}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'url=http%3A%2F%2Fa.example%2F' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<error>1</error>');
  });

  it('a comment form naming such a post is refused as from nowhere, not a server error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/comments', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://blog.test', accept: 'text/html' }, payload: `post_id=${HUGE}&author=A&email=a%40b.example&content=hi&form_token=x` });
    expect(res.statusCode).toBe(404);
  });

  it('an XML-RPC call naming such a post gets an invalid-parameters fault, not an internal error', async () => {
    const call = `<?xml version="1.0"?><methodCall><methodName>wp.getPost</methodName><params><param><value><int>1</int></value></param><param><value><string>${username}</string></value></param><param><value><string>${password}</string></value></param><param><value><string>${BIG}</string></value></param></params></methodCall>`;
    const res = await t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: call });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<name>faultCode<\/name>\s*<value><int>-32602<\/int><\/value>/);
  });
});
