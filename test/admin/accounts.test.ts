// Managing accounts (issue 16 point 2): an admin edits a user's role and profile, deletes a user with their
// posts given to someone chosen, and can neither delete nor demote the last administrator; everyone edits
// their profile and changes their password with the current one, which signs out their other sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { findPostById } from '../../src/posts/repository.js';
import { findUserById, findUserByName } from '../../src/users/repository.js';
import { verifyPassword } from '../../src/users/passwords.js';
import type { User } from '../../src/db/schema.js';
import { makePost } from '../comments/fixtures.js';
import { csrfFrom } from './form-session.js';
import { editUser } from '../../src/users/service.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
type Account = User & { password: string };

describe('accounts', () => {
  let t: TestApp;
  let admin: Account;
  let asAdmin: SignedIn;
  const get = (s: SignedIn, url: string) => t.app.inject({ url, headers: { ...s.headers, accept: 'text/html' } });
  const post = (s: SignedIn, url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...form }, payload: s.form(fields) });
  const profile = (u: Pick<User, 'display_name' | 'email'>, more: Record<string, string> = {}) => ({ display_name: u.display_name, email: u.email, bio: '', website: '', ...more });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'headmaster');
    asAdmin = await signIn(t, admin);
  });
  afterAll(() => t.close());

  it('adds an editor and a contributor from the Users screen', async () => {
    for (const [username, role] of [['eddy', 'editor'], ['conny', 'contributor']]) {
      const res = await post(asAdmin, '/admin/users', { username, display_name: '', email: `${username}@example.test`, password: 'long enough', password2: 'long enough', role });
      expect(res.statusCode).toBe(303);
      expect((await findUserByName(t.ctx.db, username))?.role).toBe(role);
    }
    const list = await get(asAdmin, '/admin/users');
    expect(list.body).toContain('<td>Editor</td>');
    expect(list.body).toContain('<td>Contributor</td>');
  });

  it('edits a user\'s role, name, e-mail, bio and website; a bad field comes back with what was typed', async () => {
    const u = await createUser(t.ctx, 'author', 'penny');
    const page = await get(asAdmin, `/admin/users/${u.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="penny@example.test"');
    const bad = await post(asAdmin, `/admin/users/${u.id}`, { role: 'editor', display_name: 'Penny L.', email: 'not-an-address', bio: 'Writes about trains.', website: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="admin-menu"');
    expect(bad.body).toMatch(/id="email-error">Enter a valid email address/);
    expect(bad.body).toMatch(/id="website-error">Enter the website as an address starting with http/);
    expect(bad.body).toContain('value="Penny L."');
    expect(bad.body).toContain('Writes about trains.</textarea>');
    expect(bad.body).toMatch(/<option value="editor" selected>/);
    const ok = await post(asAdmin, `/admin/users/${u.id}`, { role: 'editor', display_name: 'Penny L.', email: 'penny@example.org', bio: 'Writes about trains.', website: 'https://penny.example' });
    expect(ok.statusCode).toBe(303);
    expect(await findUserById(t.ctx.db, u.id)).toMatchObject({ role: 'editor', display_name: 'Penny L.', email: 'penny@example.org', bio: 'Writes about trains.', website: 'https://penny.example' });
    expect((await get(asAdmin, '/admin/users/999999')).statusCode).toBe(404);
  });

  it('deletes a user, giving all their posts to the chosen user', async () => {
    const leaver = await createUser(t.ctx, 'author', 'leaver');
    const heir = await createUser(t.ctx, 'editor', 'heir');
    const a = await makePost(t.ctx, leaver.id);
    const b = await makePost(t.ctx, leaver.id, { status: 'draft', published_at: null });
    const confirm = await get(asAdmin, `/admin/users/${leaver.id}/delete`);
    expect(confirm.body).toContain('Attribute all content to');
    expect(confirm.body).toContain('This user has 2 posts and pages.');
    const unchosen = await post(asAdmin, `/admin/users/${leaver.id}/delete`, { reassign: '' });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toMatch(/id="reassign-error">Choose who the content will belong to/);
    expect(await findUserById(t.ctx.db, leaver.id)).toBeDefined();
    const res = await post(asAdmin, `/admin/users/${leaver.id}/delete`, { reassign: String(heir.id) });
    expect(res.statusCode).toBe(303);
    expect(await findUserById(t.ctx.db, leaver.id)).toBeUndefined();
    expect((await findPostById(t.ctx.db, a.id))?.author_id).toBe(heir.id);
    expect((await findPostById(t.ctx.db, b.id))?.author_id).toBe(heir.id);
    const counts = await t.ctx.db.selectFrom('post_counts').select(['author_id', 'n']).where('author_id', '=', leaver.id).where('n', '>', 0).execute();
    expect(counts).toEqual([]);
  });

  it('the last administrator cannot be demoted or deleted, and nobody changes their own role', async () => {
    const other = await createUser(t.ctx, 'admin', 'deputy');
    const asOther = await signIn(t, other);
    // Two admins: the deputy demotes the head; then the deputy is the last one.
    expect((await post(asOther, `/admin/users/${admin.id}`, profile(admin, { role: 'editor' }))).statusCode).toBe(303);
    const demoteSelf = await post(asOther, `/admin/users/${other.id}`, profile(other, { role: 'author' }));
    expect(demoteSelf.statusCode).toBe(400);
    expect(demoteSelf.body).toContain('You cannot change your own role');
    const deleteSelf = await post(asOther, `/admin/users/${other.id}/delete`, { reassign: String(admin.id) });
    expect(deleteSelf.statusCode).toBe(400);
    expect(deleteSelf.body).toContain('You cannot delete your own account');
    expect((await findUserById(t.ctx.db, other.id))?.role).toBe('admin');
    // The head is an editor now and may not reach the Users screen; the deputy restores them.
    expect((await get(asAdmin, '/admin/users')).statusCode).toBe(403);
    expect((await post(asOther, `/admin/users/${admin.id}`, profile(admin, { role: 'admin' }))).statusCode).toBe(303);
    // With two administrators again, one may delete the other; the one left is the last.
    expect((await post(asAdmin, `/admin/users/${other.id}/delete`, { reassign: String(admin.id) })).statusCode).toBe(303);
    const lastOne = await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
    expect(lastOne.map((r) => r.id)).toEqual([admin.id]);
  });

  // SQLite's BEGIN IMMEDIATE and PostgreSQL's administrators lock serialise the two. This checks the outcome;
  // it does not force the overlap, so on PostgreSQL it can pass without the lock when the two do not overlap.
  it('two administrators demoting each other at once leave one administrator', async () => {
    const x = await createUser(t.ctx, 'admin', 'xena');
    const y = await createUser(t.ctx, 'admin', 'yuri');
    // The head is set aside for this test (straight in the table), so x and y are the only administrators.
    await t.ctx.db.updateTable('users').set({ role: 'editor' }).where('id', '=', admin.id).execute();
    const [a, b] = await Promise.all([
      editUser(t.ctx, x, y.id, { ...profile(y), role: 'author' }),
      editUser(t.ctx, y, x.id, { ...profile(x), role: 'author' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = a.ok ? b : a;
    expect(refused).toMatchObject({ ok: false, errors: { role: 'This is the last administrator. Make someone else an administrator first.' } });
    expect(await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').execute()).toHaveLength(1);
    await t.ctx.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
  });

  it('everyone edits their own profile; bad input comes back as typed', async () => {
    const c = await createUser(t.ctx, 'contributor', 'carla');
    const asC = await signIn(t, c);
    const page = await get(asC, '/admin/profile');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Change password');
    const bad = await post(asC, '/admin/profile', { display_name: 'Carla', email: '', bio: 'Hi', website: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="email-error">Email is required/);
    expect(bad.body).toContain('value="Carla"');
    const ok = await post(asC, '/admin/profile', { display_name: 'Carla C.', email: 'carla@example.org', bio: 'Hi', website: 'https://carla.example' });
    expect(ok.statusCode).toBe(303);
    expect(await findUserById(t.ctx.db, c.id)).toMatchObject({ display_name: 'Carla C.', email: 'carla@example.org', role: 'contributor' });
  });

  it('a password change needs the current password and signs out every other session, not this one', async () => {
    const u = await createUser(t.ctx, 'author', 'rotator', 'first passphrase');
    const here = await signIn(t, u);
    const elsewhere = await signIn(t, u);
    const wrong = await post(here, '/admin/profile/password', { current_password: 'not it', password: 'second passphrase', password2: 'second passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/id="current_password-error">The current password is not right/);
    expect(wrong.body).not.toContain('second passphrase');
    const mismatch = await post(here, '/admin/profile/password', { current_password: 'first passphrase', password: 'second passphrase', password2: 'other' });
    expect(mismatch.body).toMatch(/id="password2-error">The two passwords do not match/);
    const res = await post(here, '/admin/profile/password', { current_password: 'first passphrase', password: 'second passphrase', password2: 'second passphrase' });
    expect(res.statusCode).toBe(303);
    expect(await verifyPassword('second passphrase', (await findUserById(t.ctx.db, u.id))!.password_hash)).toBe(true);
    // This browser keeps going (its session was renewed with the new generation) ...
    const cookie = res.cookies.find((c) => c.name === 'backtalk_session');
    const herePage = await t.app.inject({ url: '/admin/profile', headers: { cookie: `backtalk_session=${cookie!.value}`, accept: 'text/html' } });
    expect(herePage.statusCode).toBe(200);
    expect(herePage.body).toContain('Password changed.');
    csrfFrom(herePage.body);
    // ... the other is signed out.
    const there = await get(elsewhere, '/admin/profile');
    expect(there.statusCode).toBe(303);
    expect(there.headers.location).toMatch(/^\/admin\/login/);
  });
});
