// Issue 16 point 6: Tools → Privacy. The export holds everything stored under one e-mail address (their
// comments with post, date, name, website, IP and browser; their account if they have one) and nothing of
// anyone else; erasing asks first, then anonymises as WordPress does (or deletes), leaving others alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { makeComment, makePost } from '../comments/fixtures.js';
import type { Post } from '../../src/db/schema.js';
import type { PersonalDataExport } from '../../src/privacy/export.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import { defaultSettings } from '../../src/settings/definitions.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const PAGE = '/admin/tools/privacy';

describe('privacy tools', () => {
  let t: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  let post: Post;
  beforeAll(async () => {
    t = await createTestApp();
    const a = await createUser(t.ctx, 'admin');
    admin = await signIn(t, a);
    author = await signIn(t, await createUser(t.ctx, 'author'));
    post = await makePost(t.ctx, a.id, { title: 'On privacy' });
  });
  afterAll(() => t.close());

  const post_ = (url: string, fields: Record<string, string>, as = admin) => t.app.inject({ method: 'POST', url, headers: { ...as.headers, ...form }, payload: as.form(fields) });

  async function seedPerson(email: string, name = 'Ada') {
    const mine = [
      await makeComment(t.ctx, post.id, { status: 'approved', author_name: name, author_email: email, author_url: 'https://ada.example/', ip: '198.51.100.7', user_agent: 'AdaBrowser/1.0', content: 'First thoughts' }),
      await makeComment(t.ctx, post.id, { status: 'pending', author_name: `${name} L.`, author_email: email.toUpperCase(), ip: '198.51.100.8', user_agent: 'AdaBrowser/2.0', content: 'Second thoughts' }),
    ];
    const theirs = await makeComment(t.ctx, post.id, { status: 'approved', author_name: 'Bob', author_email: `bob.${email}`, author_url: 'https://bob.example/', ip: '203.0.113.9', user_agent: 'BobBrowser', content: 'Bob says' });
    return { mine, theirs };
  }

  it('is for admins only', async () => {
    expect((await t.app.inject({ url: PAGE, headers: { ...author.headers, accept: 'text/html' } })).statusCode).toBe(403);
    expect((await post_(`${PAGE}/export`, { email: 'x@example.test' }, author)).statusCode).toBe(403);
    expect((await post_(`${PAGE}/erase`, { email: 'x@example.test', mode: 'delete', confirm: 'yes' }, author)).statusCode).toBe(403);
    const page = await t.app.inject({ url: PAGE, headers: { ...admin.headers, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Export personal data');
  });

  it('exports the commenter’s comments, whatever the case of the address, and nothing of others', async () => {
    const email = 'ada@example.test';
    const { mine, theirs } = await seedPerson(email);
    const res = await post_(`${PAGE}/export`, { email: ' Ada@Example.test ' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="personal-data-ada@example\.test-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(res.body) as PersonalDataExport;
    expect(data.email).toBe('Ada@Example.test');
    expect(data.comments.map((c) => c.id)).toEqual(mine.map((c) => c.id));
    expect(data.comments[0]).toMatchObject({ author_name: 'Ada', author_email: email, author_url: 'https://ada.example/', ip: '198.51.100.7', user_agent: 'AdaBrowser/1.0', content: 'First thoughts', status: 'approved', date: mine[0]!.created_at });
    expect(data.comments[0]!.post).toEqual({ title: 'On privacy', url: expect.stringMatching(/^http.*\/$/) });
    expect(data.account).toBeNull();
    expect(data.not_covered.join(' ')).toMatch(/Pingbacks, trackbacks and webmentions/);
    for (const other of [theirs.author_name, theirs.author_email, theirs.ip, theirs.user_agent, theirs.content]) expect(res.body).not.toContain(other);
  });

  it('includes the account with that address and its application passwords, never a password', async () => {
    const user = await createUser(t.ctx, 'author', 'grace');
    await t.ctx.db.insertInto('application_passwords').values({ user_id: user.id, name: 'Grace’s laptop', password_hash: 'sha256$secret-hash', created_at: t.clock.now().toISOString(), last_used_at: null, last_ip: '192.0.2.44' }).execute();
    const res = await post_(`${PAGE}/export`, { email: user.email });
    const data = JSON.parse(res.body) as PersonalDataExport;
    expect(data.account).toMatchObject({ username: 'grace', email: user.email, role: 'author', application_passwords: [{ name: 'Grace’s laptop', last_ip: '192.0.2.44' }] });
    expect(res.body).not.toContain('secret-hash');
    expect(res.body).not.toContain(user.password_hash);
  });

  it('answers a bad address with the page again, keeping what was typed', async () => {
    const res = await post_(`${PAGE}/export`, { email: 'not an <address>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="not an &lt;address&gt;"');
    expect(res.body).toContain('Enter a valid e-mail address');
    const erase = await post_(`${PAGE}/erase`, { email: '', mode: 'anonymise' });
    expect(erase.statusCode).toBe(400);
    expect(erase.body).toContain('Enter the e-mail address the commenter used.');
    const mode = await post_(`${PAGE}/erase`, { email: 'a@example.test', mode: 'shred' });
    expect(mode.statusCode).toBe(400);
    expect(mode.body).toContain('value="a@example.test"');
  });

  it('asks first, then anonymises as WordPress does: content kept, others untouched', async () => {
    const email = 'carol@example.test';
    const { mine, theirs } = await seedPerson(email, 'Carol');
    const postPage = () => t.app.inject({ url: permalinkPath(post, defaultSettings) });
    const before = await postPage();
    expect(before.body).toContain('First thoughts');
    expect(before.body).toMatch(/>Carol</);
    const ask = await post_(`${PAGE}/erase`, { email, mode: 'anonymise' });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toMatch(/<strong>2<\/strong> comments left with this address will be anonymised/);
    expect(ask.body).toContain('name="confirm" value="yes"');
    const untouched = await t.ctx.db.selectFrom('comments').selectAll().where('id', '=', mine[0]!.id).executeTakeFirstOrThrow();
    expect(untouched.author_email).toBe(email);

    const done = await post_(`${PAGE}/erase`, { email, mode: 'anonymise', confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    const rows = await t.ctx.db.selectFrom('comments').selectAll().where('id', 'in', [...mine.map((c) => c.id), theirs.id]).orderBy('id').execute();
    for (const [i, r] of rows.slice(0, 2).entries()) {
      expect(r).toMatchObject({ author_name: 'Anonymous', author_email: '', author_url: '', ip: '', user_agent: '', content: mine[i]!.content, status: mine[i]!.status });
    }
    expect(rows[2]).toMatchObject({ author_name: 'Bob', author_email: theirs.author_email, ip: theirs.ip, user_agent: theirs.user_agent });
    // The public page (cached before) shows the change at once: the comments' triggers moved the site generation.
    const after = await postPage();
    expect(after.body).toContain('First thoughts');
    expect(after.body).not.toMatch(/>Carol</);
    expect(after.body).toContain('Anonymous');
    const page = await t.app.inject({ url: PAGE, headers: { ...admin.headers, accept: 'text/html' } });
    expect(page.body).toContain(`Anonymised 2 comments left with ${email}.`);
    // Nothing is left to export under the address.
    expect((JSON.parse((await post_(`${PAGE}/export`, { email })).body) as PersonalDataExport).comments).toEqual([]);
  });

  it('deletes instead when the admin chooses', async () => {
    const email = 'dave@example.test';
    const { mine, theirs } = await seedPerson(email);
    const done = await post_(`${PAGE}/erase`, { email, mode: 'delete', confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    const left = await t.ctx.db.selectFrom('comments').select('id').where('id', 'in', [...mine.map((c) => c.id), theirs.id]).execute();
    expect(left.map((r) => r.id)).toEqual([theirs.id]);
    const none = await post_(`${PAGE}/erase`, { email, mode: 'delete' });
    expect(none.body).toContain('No comments are stored with this address.');
  });
});
