// The admin layout every admin page shares: a menu by role, the pending-comments badge for admins only,
// the one-time flash message, and a logout form carrying the CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { createPost } from '../../src/posts/service.js';
import { insertComment } from '../../src/comments/repository.js';

describe('admin layout', () => {
  let t: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  const page = (s: SignedIn, url = '/admin/posts') => t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });

  beforeAll(async () => {
    t = await createTestApp();
    const a = await createUser(t.ctx, 'admin');
    admin = await signIn(t, a);
    author = await signIn(t, await createUser(t.ctx, 'author'));
    const r = await createPost(t.ctx, a, { title: 'P', content: '<p>x</p>', status: 'published' });
    if (!r.ok) throw new Error('setup failed');
    const now = t.clock.now().toISOString();
    for (let i = 0; i < 3; i++) {
      await insertComment(t.ctx.db, {
        post_id: r.post.id, kind: 'comment', status: i < 2 ? 'pending' : 'approved', status_before_trash: null,
        author_name: `R${i}`, author_email: 'r@example.test', author_url: '', content: `c${i}`, source_url: null, target_url: null,
        title: null, excerpt: null, ip: '127.0.0.1', user_agent: 'test', created_at: now, updated_at: now,
        verification_state: 'unverified', verified_at: null, verification_note: null, moderation_reason: null,
      });
    }
  });
  afterAll(() => t.close());

  it('gives an admin the whole menu and the pending badge', async () => {
    const res = await page(admin);
    for (const href of ['/admin', '/admin/posts', '/admin/posts/new', '/admin/comments', '/admin/deliveries', '/admin/settings', '/admin/settings/discussion', '/admin/users']) {
      expect(res.body, href).toContain(`<a href="${href}"`);
    }
    expect(res.body).toMatch(/Comments <span class="badge"[^>]*>2<\/span>/);
    expect(res.body).toMatch(/<form class="admin-logout" method="post" action="\/admin\/logout">\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(res.body).toContain('<a href="/admin/posts" class="active" aria-current="page">Posts</a>');
  });

  it('gives an author the writing menu, without admin pages or the badge', async () => {
    const res = await page(author);
    expect(res.body).toContain('<a href="/admin/posts/new"');
    for (const href of ['/admin/settings', '/admin/users', '/admin/settings/discussion']) expect(res.body, href).not.toContain(`<a href="${href}"`);
    expect(res.body).not.toContain('class="badge"');
  });

  it('shows a flash message once', async () => {
    await t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: admin.form({ site_title: 'T', tagline: '', site_url: '', posts_per_page: '10', timezone: 'UTC', date_format: 'Y-m-d' }) });
    expect((await page(admin)).body).toContain('<p class="flash" role="status">Settings saved.</p>');
    expect((await page(admin)).body).not.toContain('class="flash"');
  });
});
