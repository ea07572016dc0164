// Issue 10 point 6: the editor's request-size limit and the post validator agree (posts/limits.ts). A valid
// post of any length is read and saved; a too-long one gets the editor back with its text; a body larger
// than any valid post gets the editor page in the admin layout saying so, never the generic 413 page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_FORM_BODY_LIMIT, POST_LIMITS } from '../../src/posts/limits.js';
import { findPostById } from '../../src/posts/repository.js';
import type { User } from '../../src/db/schema.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const base = { title: '', slug: '', content: '', excerpt: '', status: 'draft', date: '', to_ping: '' };

describe('post size: request limit and validator agree', () => {
  let t: TestApp;
  let admin: User;
  let s: SignedIn;
  const save = (url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...form }, payload: s.form({ ...base, ...fields }) });
  const idFrom = (location: unknown) => Number(/^\/admin\/posts\/(\d+)\/edit$/.exec(String(location))?.[1]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    s = await signIn(t, admin);
  });
  afterAll(() => t.close());

  it('saves a post of the largest valid length even when its form is many megabytes', async () => {
    // Every character a three-byte UTF-8 one: the worst case for url-encoding, 9 bytes a character.
    const content = '\u3002'.repeat(POST_LIMITS.contentChars);
    const payload = s.form({ ...base, title: 'Long', content });
    expect(Buffer.byteLength(payload)).toBeGreaterThan(1_048_576 * 8);
    const res = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...s.headers, ...form }, payload });
    expect(res.statusCode).toBe(303);
    const post = await findPostById(t.ctx.db, idFrom(res.headers.location));
    // Plain text without block tags is stored with wpautop's paragraph (issue 15).
    expect(post?.content).toBe(`<p>${content}</p>\n`);

    // And an update of it, through the edit route.
    const again = await save(`/admin/posts/${post!.id}`, { title: 'Long, edited', content: '<'.repeat(POST_LIMITS.contentChars) });
    expect(again.statusCode).toBe(303);
    expect((await findPostById(t.ctx.db, post!.id))?.title).toBe('Long, edited');
  });

  it('answers content one character too long with the editor, the field error and the typed text', async () => {
    const res = await save('/admin/posts', { title: 'Kept title', content: 'x'.repeat(POST_LIMITS.contentChars + 1) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="content-error">Content is too long \(1,000,000 characters at most\)/);
    expect(res.body).toContain('value="Kept title"');
    expect(res.body).toContain('x'.repeat(1000));
  });

  it('answers a body larger than any valid post with the editor page in the admin layout, not the generic 413', async () => {
    const huge = s.form({ ...base, title: 'Too big', content: 'x'.repeat(EDITOR_FORM_BODY_LIMIT) });
    const created = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...s.headers, ...form }, payload: huge });
    expect(created.statusCode).toBe(413);
    expect(created.body).toContain('<body class="admin">');
    expect(created.body).toContain('This post is too large to save');
    expect(created.body).toContain('<textarea id="content"');

    const existing = await save('/admin/posts', { title: 'Short and saved', content: 'hello' });
    const id = idFrom(existing.headers.location);
    const edited = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}`, headers: { ...s.headers, ...form }, payload: huge });
    expect(edited.statusCode).toBe(413);
    expect(edited.body).toContain('This post is too large to save');
    // The stored post is shown, unchanged.
    expect(edited.body).toContain('value="Short and saved"');
    expect((await findPostById(t.ctx.db, id))?.title).toBe('Short and saved');
  });

  it('sends a visitor with no session to the login page before reading a large body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...form }, payload: `content=${'x'.repeat(2_000_000)}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/admin\/login\?next=/);
  });
});
