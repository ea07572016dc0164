// Login and logout through the real form: sessions, CSRF, the shared failed-login throttle, `next`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { MAX_FAILURES_PER_ACCOUNT_AND_IP } from '../../src/users/login-throttle.js';
import { openForm, sessionCookie } from './form-session.js';
import { safeNext } from '../../src/admin/safe-next.js';

describe('login and logout', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'grace');
  });
  afterAll(() => t.close());

  it('sends a visitor from an admin page to the login form, remembering where', async () => {
    const res = await t.app.inject({ url: '/admin/posts?status=draft', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fposts%3Fstatus%3Ddraft');
  });

  it('signs in with a new session id and honours a local admin `next`', async () => {
    const f = await openForm(t, '/admin/login?next=%2Fadmin%2Fposts%3Fstatus%3Ddraft');
    expect(f.cookie).not.toBe('');
    const res = await f.post('/admin/login', { username: 'grace', password: admin.password, next: '/admin/posts?status=draft' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/posts?status=draft');
    const cookie = sessionCookie(res);
    expect(cookie).toBeTruthy();
    expect(cookie).not.toBe(f.cookie);
    const page = await t.app.inject({ url: '/admin/posts', headers: { cookie: cookie!, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    // The pre-login session id no longer signs anyone in.
    const old = await t.app.inject({ url: '/admin/posts', headers: { cookie: f.cookie, accept: 'text/html' } });
    expect(old.statusCode).toBe(303);
  });

  it('ignores a `next` that leaves the admin', async () => {
    const f = await openForm(t, '/admin/login');
    const res = await f.post('/admin/login', { username: 'grace', password: admin.password, next: '//evil.example/admin' });
    expect(res.headers.location).toBe('/admin');
    for (const bad of ['https://evil.example/', '/\\evil.example', '/administrator', '/', '/admin\\..']) expect(safeNext(bad), bad).toBe('/admin');
    for (const ok of ['/admin', '/admin/posts?status=trash', '/admin?x=1']) expect(safeNext(ok)).toBe(ok);
  });

  it('answers bad credentials with 401, a generic message and the user name kept', async () => {
    const f = await openForm(t, '/admin/login');
    const wrong = await f.post('/admin/login', { username: 'grace', password: 'not her password' });
    const nobody = await f.post('/admin/login', { username: 'nobody<x>', password: 'whatever1' });
    for (const res of [wrong, nobody]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('The user name or password is incorrect.');
    }
    const still = await f.get('/admin/posts');
    expect(still.statusCode).toBe(303);
    expect(wrong.body).toContain('value="grace"');
    expect(nobody.body).toContain('value="nobody&lt;x&gt;"');
    expect(wrong.body).not.toContain('not her password');
  });

  it('refuses a login form without its CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/login', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=grace&password=${encodeURIComponent(admin.password)}` });
    expect(res.statusCode).toBe(403);
  });

  it('throttles an account from one address after repeated failures with a 429 page, even for the right password', async () => {
    const victim = await createUser(t.ctx, 'author', 'linus');
    const f = await openForm(t, '/admin/login');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
      const res = await f.post('/admin/login', { username: 'linus', password: `guess-${i}` });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await f.post('/admin/login', { username: 'linus', password: victim.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('900');
    expect(blocked.body).toContain('Too many failed login attempts');
    expect(blocked.body).toContain('value="linus"');
    // The window passes and the right password works again.
    t.clock.advance(16 * 60_000);
    const later = await f.post('/admin/login', { username: 'linus', password: victim.password });
    expect(later.statusCode).toBe(303);
  });

  it('logs out with a CSRF-protected POST and ends the session', async () => {
    const f = await openForm(t, '/admin/login');
    const res = await f.post('/admin/login', { username: 'grace', password: admin.password });
    const cookie = sessionCookie(res)!;
    const posts = await openForm(t, '/admin/posts', cookie);
    const forged = await t.app.inject({ method: 'POST', url: '/admin/logout', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: '_csrf=nope' });
    expect(forged.statusCode).toBe(403);
    const out = await posts.post('/admin/logout', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/admin/login?loggedout');
    const after = await t.app.inject({ url: '/admin/posts', headers: { cookie, accept: 'text/html' } });
    expect(after.statusCode).toBe(303);
    const login = await t.app.inject({ url: '/admin/login?loggedout', headers: { accept: 'text/html' } });
    expect(login.body).toContain('You are now logged out.');
  });
});
