// General settings: admins only, validated per field, typed values kept, saved values used by the site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { loadSettings } from '../../src/settings/repository.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const good = { site_title: 'Field Notes', tagline: 'Small things', site_url: 'https://notes.example/', posts_per_page: '5', timezone: 'Europe/Paris', date_format: 'Y-m-d' };

describe('general settings page', () => {
  let t: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await createUser(t.ctx, 'admin'));
    author = await signIn(t, await createUser(t.ctx, 'author'));
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    const get = await t.app.inject({ url: '/admin/settings', headers: { ...author.headers, accept: 'text/html' } });
    expect(get.statusCode).toBe(403);
    const post = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...author.headers, ...form }, payload: author.form(good) });
    expect(post.statusCode).toBe(403);
    expect((await loadSettings(t.ctx.db)).site_title).toBe('Backtalk');
    const anon = await t.app.inject({ url: '/admin/settings', headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(303);
  });

  it('shows the current values', async () => {
    const res = await t.app.inject({ url: '/admin/settings', headers: { ...admin.headers, accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="Backtalk"');
    expect(res.body).toMatch(/name="date_format" value="F j, Y" checked/);
  });

  it('puts each error next to its field, keeps what was typed and saves nothing', async () => {
    const bad = { site_title: '', tagline: 'Still <here>', site_url: 'ftp://x.example', posts_per_page: '0', timezone: 'Mars/Olympus', date_format: 'l jS' };
    const res = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...form }, payload: admin.form(bad) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="site_title-error">Site title is required/);
    expect(res.body).toMatch(/id="site_url-error">Site URL must be an absolute http\(s\) URL/);
    expect(res.body).toMatch(/id="posts_per_page-error">At least 1/);
    expect(res.body).toMatch(/id="timezone-error">Not a known timezone/);
    expect(res.body).toMatch(/id="date_format-error">/);
    expect(res.body).toContain('value="Still &lt;here&gt;"');
    expect(res.body).toContain('value="Mars/Olympus"');
    expect(res.body).toContain('value="ftp://x.example"');
    const abc = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...form }, payload: admin.form({ ...good, posts_per_page: 'ten' }) });
    expect(abc.statusCode).toBe(400);
    expect(abc.body).toMatch(/id="posts_per_page-error">Enter a whole number/);
    expect((await loadSettings(t.ctx.db)).timezone).toBe('UTC');
  });

  it('words every error for a blogger, never in the validation library\'s terms (issue 10 point 6)', async () => {
    const bad = { ...good, site_title: 'T'.repeat(201), tagline: 'x'.repeat(301), date_format: 'l jS' };
    const res = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...form }, payload: admin.form(bad) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="tagline-error">Tagline must be 300 characters or fewer</);
    expect(res.body).toMatch(/id="site_title-error">Site title must be 200 characters or fewer</);
    expect(res.body).toMatch(/id="date_format-error">Choose date format from the list</);
    expect(res.body).not.toMatch(/Too big|Too small|Invalid (input|option)|expected (string|number|one of)/);
  });

  it('saves valid values and confirms once', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, ...form }, payload: admin.form(good) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/settings');
    const s = await loadSettings(t.ctx.db);
    expect(s).toMatchObject({ site_title: 'Field Notes', tagline: 'Small things', site_url: 'https://notes.example', posts_per_page: 5, timezone: 'Europe/Paris', date_format: 'Y-m-d' });
    const page = await t.app.inject({ url: '/admin/settings', headers: { ...admin.headers, accept: 'text/html' } });
    expect(page.body).toContain('Settings saved.');
    const again = await t.app.inject({ url: '/admin/settings', headers: { ...admin.headers, accept: 'text/html' } });
    expect(again.body).not.toContain('Settings saved.');
  });
});
