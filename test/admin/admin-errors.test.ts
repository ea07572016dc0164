// Issue 16 point 4: every admin 4xx is said in the admin layout (menu for the signed-in user) with the way
// back to the screen, and what was typed comes back where there is a form; never the public theme's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const inAdminLayout = (body: string) => body.includes('<body class="admin"') && body.includes('class="admin-menu"');
const publicTheme = (body: string) => body.includes('Go to the home page');

describe('admin errors in the admin layout', () => {
  let t: TestApp;
  let asAdmin: SignedIn;
  let asAuthor: SignedIn;
  const get = (s: SignedIn | null, url: string) => t.app.inject({ url, headers: { ...(s?.headers ?? {}), accept: 'text/html' } });
  const post = (s: SignedIn, url: string, fields: Record<string, string | string[]>) => t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...form }, payload: s.form(fields) });

  beforeAll(async () => {
    t = await createTestApp();
    asAdmin = await signIn(t, await createUser(t.ctx, 'admin'));
    asAuthor = await signIn(t, await createUser(t.ctx, 'author'));
  });
  afterAll(() => t.close());

  it('bulk Apply with no action or nothing ticked gives the comments panel back with a sentence', async () => {
    const res = await post(asAdmin, '/admin/comments', { action: '', status: 'pending' });
    expect(res.statusCode).toBe(400);
    expect(inAdminLayout(res.body)).toBe(true);
    expect(res.body).toContain('Choose an action in “Bulk actions”');
    const none = await post(asAdmin, '/admin/comments', { action: 'approve', status: 'pending' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select at least one comment');
  });

  it('an unknown admin address and a missing post are 404s in the admin layout with the way back', async () => {
    const nowhere = await get(asAdmin, '/admin/no-such-screen');
    expect(nowhere.statusCode).toBe(404);
    expect(inAdminLayout(nowhere.body)).toBe(true);
    expect(nowhere.body).toContain('<a href="/admin">‹ Dashboard</a>');
    const missing = await get(asAdmin, '/admin/posts/999999/edit');
    expect(missing.statusCode).toBe(404);
    expect(inAdminLayout(missing.body)).toBe(true);
    expect(missing.body).toContain('<a href="/admin/posts">‹ All posts</a>');
    expect(publicTheme(missing.body)).toBe(false);
  });

  it('a screen the role may not use is a 403 in the admin layout saying why', async () => {
    const res = await get(asAuthor, '/admin/comments');
    expect(res.statusCode).toBe(403);
    expect(inAdminLayout(res.body)).toBe(true);
    expect(res.body).toContain('Only editors and administrators may moderate comments.');
    expect(publicTheme(res.body)).toBe(false);
  });

  it('an expired form (bad CSRF token) says so in the admin layout with the way back to its screen', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...asAdmin.headers, ...form }, payload: 'site_title=Mine&_csrf=forged' });
    expect(res.statusCode).toBe(403);
    expect(inAdminLayout(res.body)).toBe(true);
    expect(res.body).toContain('This form has expired');
    expect(res.body).toContain('<a href="/admin/settings">‹ Settings</a>');
  });

  it('a form body too large for the screen is refused in the admin layout, menu and all', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...asAdmin.headers, ...form }, payload: `site_title=${'x'.repeat(1_100_000)}&_csrf=${asAdmin.csrf}` });
    expect(res.statusCode).toBe(413);
    expect(inAdminLayout(res.body)).toBe(true);
    expect(res.body).toContain('<a href="/admin/settings">‹ Settings</a>');
  });

  it('a mangled "all existing posts" button comes back as the Discussion settings page', async () => {
    const res = await post(asAdmin, '/admin/settings/discussion/all-posts', { what: 'everything', to: 'open' });
    expect(res.statusCode).toBe(400);
    expect(inAdminLayout(res.body)).toBe(true);
    expect(res.body).toContain('Choose one of the buttons below');
    expect(res.body).toContain('id="existing-posts"');
  });

  it('a bad user form keeps what was typed (Users screen)', async () => {
    const res = await post(asAdmin, '/admin/users', { username: 'a b', display_name: 'Typed Name', email: 'typed@example.test', password: 'x', password2: 'y', role: 'editor' });
    expect(res.statusCode).toBe(400);
    expect(inAdminLayout(res.body)).toBe(true);
    expect(res.body).toContain('value="Typed Name"');
    expect(res.body).toContain('value="typed@example.test"');
    expect(res.body).toMatch(/<option value="editor" selected>/);
  });

  it('a visitor\'s admin 404 uses the bare admin layout and writes no session', async () => {
    const res = await get(null, '/admin/no-such-screen');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('<body class="admin admin-bare"');
    expect(res.body).toContain('<a href="/admin/login">‹ Log in</a>');
    expect(res.cookies.find((c) => c.name === 'backtalk_session')).toBeUndefined();
  });
});
