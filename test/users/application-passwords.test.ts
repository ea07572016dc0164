// Issue 16 point 5: application passwords. A signed-in user makes one (shown once, stored hashed), an XML-RPC
// client signs in with it (spaces or not), its last use is noted at most once a minute, revoking it shuts the
// client out, "Require application passwords for XML-RPC" refuses the account password with WordPress's
// fault, the login throttle still counts, and an application password never opens the web admin.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { openForm } from '../admin/form-session.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';
import { saveSettings } from '../../src/settings/repository.js';
import { formatApplicationPassword, generateApplicationPassword, normaliseApplicationPassword } from '../../src/users/application-password-format.js';
import { MAX_FAILURES_PER_ACCOUNT_AND_IP, THROTTLE_WINDOW_MS } from '../../src/users/login-throttle.js';
import type { User } from '../../src/db/schema.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const PAGE = '/admin/application-passwords';
const SHOWN = /<output class="app-password" id="new-password">([^<]+)<\/output>/;

describe('application password format', () => {
  it('is 24 letters and digits, shown in groups of four, and read back without the spaces', () => {
    const raw = generateApplicationPassword();
    expect(raw).toMatch(/^[A-Za-z0-9]{24}$/);
    const shown = formatApplicationPassword(raw);
    expect(shown).toMatch(/^([A-Za-z0-9]{4} ){5}[A-Za-z0-9]{4}$/);
    expect(normaliseApplicationPassword(shown)).toBe(raw);
    expect(normaliseApplicationPassword(raw)).toBe(raw);
    expect(normaliseApplicationPassword('too short')).toBeNull();
    expect(new Set(Array.from({ length: 20 }, generateApplicationPassword)).size).toBe(20);
  });
});

describe('application passwords', () => {
  let t: TestApp;
  let user: User & { password: string };
  let session: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    await saveSettings(t.ctx.db, { xmlrpc_require_application_passwords: false });
    user = await createUser(t.ctx, 'author');
    session = await signIn(t, user);
  });

  async function create(name: string, as = session): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: PAGE, headers: { ...as.headers, ...form }, payload: as.form({ name }) });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const shown = SHOWN.exec(res.body)?.[1];
    expect(shown).toMatch(/^([A-Za-z0-9]{4} ){5}[A-Za-z0-9]{4}$/);
    return shown!;
  }
  const profile = (password: string, name = user.username) => rpcOk<{ username: string }>(t, 'wp.getProfile', [1, name, password]);

  it('is shown once, stored hashed, and signs an XML-RPC client in, with or without the spaces', async () => {
    const pw = await create('MarsEdit');
    const rows = await t.ctx.db.selectFrom('application_passwords').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.password_hash).toMatch(/^sha256\$/);
    expect(JSON.stringify(rows)).not.toContain(pw.replaceAll(' ', ''));
    // The list does not show it again.
    const list = await t.app.inject({ url: PAGE, headers: { ...session.headers, accept: 'text/html' } });
    expect(list.body).toContain('MarsEdit');
    expect(list.body).not.toContain(pw);
    expect(list.body).not.toMatch(SHOWN);

    expect((await profile(pw)).username).toBe(user.username);
    expect((await profile(pw.replaceAll(' ', ''))).username).toBe(user.username);
    // The account password still works while the site does not require application passwords.
    expect((await profile(user.password)).username).toBe(user.username);
    // Another user's name with this password is no sign-in.
    const other = await createUser(t.ctx, 'author');
    expect(await rpcFault(t, 'wp.getProfile', [1, other.username, pw])).toEqual({ code: 403, message: 'Incorrect username or password.' });
  });

  it('records the last use and address at most once a minute, and lists them', async () => {
    const pw = await create('Phone');
    const lastUse = async () => t.ctx.db.selectFrom('application_passwords').select(['last_used_at', 'last_ip']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(await lastUse()).toEqual({ last_used_at: null, last_ip: null });
    const first = t.clock.now().toISOString();
    await profile(pw);
    expect(await lastUse()).toEqual({ last_used_at: first, last_ip: '127.0.0.1' });
    t.clock.advance(30_000);
    await profile(pw);
    expect((await lastUse()).last_used_at).toBe(first);
    t.clock.advance(31_000);
    await profile(pw);
    expect((await lastUse()).last_used_at).toBe(t.clock.now().toISOString());
    const list = await t.app.inject({ url: PAGE, headers: { ...session.headers, accept: 'text/html' } });
    expect(list.body).toMatch(/Last IP <\/span>127\.0\.0\.1/);
    expect(list.body).not.toMatch(/Last used <\/span>—/);
  });

  it('stops working once revoked, one or all, and only its owner may revoke it', async () => {
    const a = await create('Laptop');
    const b = await create('Tablet');
    const c = await create('Desktop');
    const ids = (await t.ctx.db.selectFrom('application_passwords').select(['id', 'name']).where('user_id', '=', user.id).orderBy('id').execute()).map((r) => r.id);
    const stranger = await signIn(t, await createUser(t.ctx, 'admin'));
    const foreign = await t.app.inject({ method: 'POST', url: `${PAGE}/${ids[0]}/revoke`, headers: { ...stranger.headers, ...form }, payload: stranger.form({}) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toContain('Application passwords');
    expect((await profile(a)).username).toBe(user.username);

    const revoked = await t.app.inject({ method: 'POST', url: `${PAGE}/${ids[0]}/revoke`, headers: { ...session.headers, ...form }, payload: session.form({}) });
    expect(revoked.statusCode).toBe(303);
    expect(await rpcFault(t, 'wp.getProfile', [1, user.username, a])).toEqual({ code: 403, message: 'Incorrect username or password.' });
    expect((await profile(b)).username).toBe(user.username);

    const all = await t.app.inject({ method: 'POST', url: `${PAGE}/revoke-all`, headers: { ...session.headers, ...form }, payload: session.form({}) });
    expect(all.statusCode).toBe(303);
    for (const pw of [b, c]) expect((await rpcFault(t, 'wp.getProfile', [1, user.username, pw])).code).toBe(403);
    const page = await t.app.inject({ url: PAGE, headers: { ...session.headers, accept: 'text/html' } });
    expect(page.body).toContain('You have none yet.');
  });

  it('with "Require application passwords for XML-RPC" on, refuses the account password with WordPress’s fault', async () => {
    const pw = await create('Editor');
    await saveSettings(t.ctx.db, { xmlrpc_require_application_passwords: true });
    expect(await rpcFault(t, 'wp.getProfile', [1, user.username, user.password])).toEqual({ code: 403, message: 'Incorrect username or password.' });
    expect((await profile(pw)).username).toBe(user.username);
    // The web admin still takes the account password.
    const f = await openForm(t, '/admin/login');
    expect((await f.post('/admin/login', { username: user.username, password: user.password })).statusCode).toBe(303);
  });

  it('never signs in to the web admin', async () => {
    const pw = await create('Client');
    const f = await openForm(t, '/admin/login');
    for (const typed of [pw, pw.replaceAll(' ', '')]) {
      const res = await f.post('/admin/login', { username: user.username, password: typed });
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('The user name or password is incorrect.');
    }
  });

  it('counts guesses in the login throttle like any password', async () => {
    const pw = await create('Guessed');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) {
      expect((await rpcFault(t, 'wp.getProfile', [1, user.username, formatApplicationPassword(generateApplicationPassword())])).message).toBe('Incorrect username or password.');
    }
    expect((await rpcFault(t, 'wp.getProfile', [1, user.username, pw])).message).toMatch(/Too many failed login attempts/);
    t.clock.advance(THROTTLE_WINDOW_MS + 1000);
    expect((await profile(pw)).username).toBe(user.username);
  });

  it('needs a name, unique among the user’s passwords, and keeps what was typed', async () => {
    const empty = await t.app.inject({ method: 'POST', url: PAGE, headers: { ...session.headers, ...form }, payload: session.form({ name: '   ' }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Give the application password a name');
    await create('Same <name>');
    const again = await t.app.inject({ method: 'POST', url: PAGE, headers: { ...session.headers, ...form }, payload: session.form({ name: 'Same <name>' }) });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('value="Same &lt;name&gt;"');
    expect(again.body).toContain('already have an application password with this name');
    expect(again.body).not.toMatch(SHOWN);
    const anon = await t.app.inject({ url: PAGE, headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(303);
  });
});
