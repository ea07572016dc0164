// The Users page lets an admin add an author (so roles mean something); authors cannot reach it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { findUserByName } from '../../src/users/repository.js';
import { verifyPassword } from '../../src/users/passwords.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe('users page', () => {
  let t: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await createUser(t.ctx, 'admin', 'boss'));
    author = await signIn(t, await createUser(t.ctx, 'author', 'writer'));
  });
  afterAll(() => t.close());

  it('lists users for an admin and refuses authors', async () => {
    const res = await t.app.inject({ url: '/admin/users', headers: { ...admin.headers, accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('writer');
    expect(res.body).toContain('>Users<');
    const no = await t.app.inject({ url: '/admin/users', headers: { ...author.headers, accept: 'text/html' } });
    expect(no.statusCode).toBe(403);
    const add = await t.app.inject({ method: 'POST', url: '/admin/users', headers: { ...author.headers, ...form }, payload: author.form({ username: 'sneaky', email: 's@example.test', password: 'abcdefgh1', password2: 'abcdefgh1', role: 'admin' }) });
    expect(add.statusCode).toBe(403);
    expect(await findUserByName(t.ctx.db, 'sneaky')).toBeUndefined();
  });

  it('adds an author who can then sign in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/users', headers: { ...admin.headers, ...form }, payload: admin.form({ username: 'newbie', display_name: 'New Bie', email: 'newbie@example.test', password: 'long enough', password2: 'long enough', role: 'author' }) });
    expect(res.statusCode).toBe(303);
    const u = await findUserByName(t.ctx.db, 'newbie');
    expect(u).toMatchObject({ role: 'author', display_name: 'New Bie' });
    expect(await verifyPassword('long enough', u!.password_hash)).toBe(true);
  });

  it('refuses a taken name, a bad role and a short password, keeping the typed values', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/users', headers: { ...admin.headers, ...form }, payload: admin.form({ username: 'writer', display_name: 'Dup', email: 'dup@example.test', password: 'short', password2: 'short', role: 'owner' }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="username-error">That user name is taken/);
    expect(res.body).toMatch(/id="password-error">Password needs at least 8/);
    expect(res.body).toMatch(/id="role-error">Choose administrator, editor, author or contributor/);
    expect(res.body).toContain('value="dup@example.test"');
  });

  it('words a too-long email for a person, not in the validation library\'s terms', async () => {
    const email = `${'e'.repeat(195)}@example.test`;
    const res = await t.app.inject({ method: 'POST', url: '/admin/users', headers: { ...admin.headers, ...form }, payload: admin.form({ username: 'longmail', display_name: '', email, password: 'long enough', password2: 'long enough', role: 'author' }) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="email-error">Email must be 200 characters or fewer</);
  });
});
