// First run: with nobody registered every admin page leads to the setup form; it creates the admin once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { getSetting } from '../../src/settings/repository.js';
import { listUsers } from '../../src/users/repository.js';
import { verifyPassword } from '../../src/users/passwords.js';
import { openForm, sessionCookie } from './form-session.js';

const good = { site_title: 'My Notes', username: 'ada', password: 'correct horse', password2: 'correct horse', email: 'ada@example.test', display_name: 'Ada L.' };

describe('first-run setup', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends every admin page to the setup form while no user exists', async () => {
    for (const url of ['/admin', '/admin/login', '/admin/posts?status=draft']) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe('/admin/setup');
    }
    const page = await t.app.inject({ url: '/admin/setup', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    for (const name of ['site_title', 'username', 'password', 'password2', 'email', 'display_name']) expect(page.body).toContain(`name="${name}"`);
  });

  it('shows each mistake next to its field and keeps what was typed, never the password', async () => {
    const f = await openForm(t, '/admin/setup');
    const res = await f.post('/admin/setup', { site_title: '  ', username: 'bad name', password: 'short1', password2: 'short2', email: 'not-an-email', display_name: '<b>Ada</b>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="site_title-error">Site title is required/);
    expect(res.body).toMatch(/id="username-error">Use only letters/);
    expect(res.body).toMatch(/id="password-error">Password needs at least 8 characters/);
    expect(res.body).toMatch(/id="email-error">Enter a valid email address/);
    expect(res.body).toContain('value="bad name"');
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).toContain('value="&lt;b&gt;Ada&lt;/b&gt;"');
    expect(res.body).not.toContain('short1');
    const mismatch = await f.post('/admin/setup', { ...good, password2: 'something else' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toMatch(/id="password2-error">The two passwords do not match/);
    expect(await listUsers(t.ctx.db)).toHaveLength(0);
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/setup', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(good).toString() });
    expect(res.statusCode).toBe(403);
    expect(await listUsers(t.ctx.db)).toHaveLength(0);
  });

  it('creates the admin, names the site, signs in and goes to the dashboard', async () => {
    const f = await openForm(t, '/admin/setup');
    const res = await f.post('/admin/setup', good);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const users = await listUsers(t.ctx.db);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ username: 'ada', role: 'admin', email: 'ada@example.test', display_name: 'Ada L.' });
    expect(users[0].password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('correct horse', users[0].password_hash)).toBe(true);
    expect(await getSetting(t.ctx.db, 'site_title')).toBe('My Notes');

    const cookie = sessionCookie(res);
    expect(cookie).toBeTruthy();
    expect(cookie).not.toBe(f.cookie);
    const posts = await t.app.inject({ url: '/admin/posts', headers: { cookie: cookie!, accept: 'text/html' } });
    expect(posts.statusCode).toBe(200);
    expect(posts.body).toContain('Signed in as');
  });

  it('is gone once a user exists', async () => {
    const page = await t.app.inject({ url: '/admin/setup', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login');
    const login = await openForm(t, '/admin/login');
    const again = await login.post('/admin/setup', { ...good, username: 'mallory' });
    expect(again.statusCode).toBe(404);
    expect(await listUsers(t.ctx.db)).toHaveLength(1);
  });
});
