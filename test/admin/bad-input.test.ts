// Whatever a client sends to an admin form (repeated fields, JSON, odd types, huge values, unknown ids),
// the answer is a clear 4xx or a normal redirect, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { createPost } from '../../src/posts/service.js';

describe('admin forms under bad input', () => {
  let t: TestApp;
  let s: SignedIn;
  let postId: number;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await createUser(t.ctx, 'admin');
    s = await signIn(t, admin);
    const r = await createPost(t.ctx, admin, { title: 'Target', content: '<p>x</p>', status: 'draft' });
    if (!r.ok) throw new Error('setup failed');
    postId = r.post.id;
  });
  afterAll(() => t.close());

  const urls = () => ['/admin/posts', `/admin/posts/${postId}`, '/admin/settings', '/admin/users', '/admin/login', `/admin/posts/${postId}/trash`];

  it('answers repeated fields and missing fields with a form, not a crash', async () => {
    for (const url of urls()) {
      const res = await t.app.inject({ method: 'POST', url, headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: s.form({ title: ['a', 'b'], status: ['published', 'draft'], date: ['x'], username: ['u', 'v'], posts_per_page: ['1e999'] }) });
      expect(res.statusCode, url).toBeLessThan(500);
      expect([200, 303, 400, 401, 404].includes(res.statusCode), `${url} → ${res.statusCode}`).toBe(true);
    }
  });

  it('answers JSON bodies with odd types the same way', async () => {
    for (const url of urls()) {
      const payload = JSON.stringify({ _csrf: s.csrf, title: { $gt: 1 }, content: 42, status: ['x'], slug: null, date: true, timezone: 7, username: {}, password: [] });
      const res = await t.app.inject({ method: 'POST', url, headers: { ...s.headers, 'content-type': 'application/json', accept: 'text/html' }, payload });
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('refuses an unknown content type and an over-long post with 4xx', async () => {
    const xml = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...s.headers, 'content-type': 'text/xml', accept: 'text/html' }, payload: '<x/>' });
    expect(xml.statusCode).toBe(415);
    // Too long for a post but within what a valid form may send: the validator answers, with the text kept
    // (a body beyond any valid post is test/admin/post-size.test.ts).
    const long = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: s.form({ title: 'x', content: 'y'.repeat(1_100_000), status: 'draft' }) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Content is too long');
  });

  it('rejects an unknown status and an absurd date with field errors', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: s.form({ title: 'T', content: 'c', status: 'pending-review', date: '99999-01-01T00:00' }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="status-error">Choose draft, pending review, published, scheduled or private/);
    expect(res.body).toMatch(/id="date-error">Not a valid date and time/);
  });

  it('answers odd list queries and ids with a page or a 404', async () => {
    for (const url of ['/admin/posts?page=abc&s[]=x&status[]=trash', '/admin/posts?s=%25%5F%5C', `/admin/posts/${'9'.repeat(30)}/edit`, '/admin/posts/-1/edit', '/admin/posts/1.5/edit']) {
      const res = await t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });
      expect([200, 404].includes(res.statusCode), `${url} → ${res.statusCode}`).toBe(true);
    }
  });
});
