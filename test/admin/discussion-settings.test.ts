// Discussion settings: WordPress defaults shown, validation with messages next to fields and typed values
// kept, the effect of the defaults on new posts only, and "close pings on all existing posts" with its count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { loadSettings } from '../../src/settings/repository.js';
import { createPost } from '../../src/posts/service.js';
import { decide } from '../../src/comments/rules.js';
import type { User } from '../../src/db/schema.js';
import { makePost, pingCandidate } from '../comments/fixtures.js';

let t: TestApp;
let admin: SignedIn;
let adminUser: User;

beforeAll(async () => {
  t = await createTestApp();
  adminUser = await createUser(t.ctx, 'admin');
  admin = await signIn(t, adminUser);
});
afterAll(() => t.close());

const PAGE = '/admin/settings/discussion';
const send = (url: string, fields: Record<string, string>, s: SignedIn = admin) =>
  t.app.inject({ method: 'POST', url, headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: s.form(fields) });

/** The form as the browser would send it unchanged (checked boxes, inputs and textareas). */
async function currentForm(): Promise<Record<string, string>> {
  const html = (await t.app.inject({ url: PAGE, headers: admin.headers })).body;
  const main = html.slice(0, html.indexOf('id="existing-posts"'));
  const out: Record<string, string> = {};
  for (const m of main.matchAll(/<input type="checkbox" name="(\w+)" value="1"( checked)?>/g)) if (m[2]) out[m[1]] = '1';
  for (const m of main.matchAll(/<input id="(\w+)" name="\w+"[^>]*value="([^"]*)"/g)) out[m[1]] = m[2];
  for (const m of main.matchAll(/<textarea id="(\w+)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]] = m[2];
  for (const m of main.matchAll(/<select id="(\w+)"[^>]*>[\s\S]*?<option value="(\w+)" selected>/g)) out[m[1]] = m[2];
  return out;
}

describe('discussion settings page', () => {
  it('is for admins only', async () => {
    const author = await signIn(t, await createUser(t.ctx, 'author'));
    expect((await t.app.inject({ url: PAGE, headers: author.headers })).statusCode).toBe(403);
    expect((await send(PAGE, {}, author)).statusCode).toBe(403);
    expect((await send(`${PAGE}/all-posts`, { what: 'pings', to: 'closed' }, author)).statusCode).toBe(403);
  });

  it('shows WordPress defaults, notes which settings reach new posts only, and the rule order', async () => {
    const html = (await t.app.inject({ url: PAGE, headers: admin.headers })).body;
    const form = await currentForm();
    expect(form).toMatchObject({ default_pingback_flag: '1', default_ping_status: '1', default_comment_status: '1', require_name_email: '1', comment_previously_approved: '1', comment_max_links: '2', close_comments_days_old: '14', reverify_interval_days: '7' });
    expect(form.comment_moderation).toBeUndefined();
    expect(form.close_comments_for_old_posts).toBeUndefined();
    expect((html.match(/Applies to new posts only/g) ?? []).length).toBe(3);
    const order = ['closed to comments', 'blocked list', 'Duplicate', 'Flood', 'Disallowed words', 'Hold every comment', 'Too many links', 'Moderation words', 'trusted list', 'Previously approved'];
    const at = order.map((s) => html.indexOf(s, html.indexOf('id="rule-order"')));
    expect(at.every((n) => n > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('saves valid changes, cleaning host lists (a pasted URL becomes its host)', async () => {
    const form = await currentForm();
    const r = await send(PAGE, { ...form, comment_moderation: '1', comment_max_links: '5', trusted_source_hosts: 'Friend.example\nhttps://pal.example/blog/\n*.buddy.example\n', moderation_keys: 'casino\n\n  pills  ', update_services: 'http://rpc.pingomatic.com/' });
    expect(r.statusCode).toBe(303);
    const s = await loadSettings(t.ctx.db);
    expect(s).toMatchObject({ comment_moderation: true, comment_max_links: 5, trusted_source_hosts: ['friend.example', 'pal.example', 'buddy.example'], moderation_keys: ['casino', 'pills'], update_services: ['http://rpc.pingomatic.com/'], require_name_email: true });
    expect((await t.app.inject({ url: PAGE, headers: { cookie: admin.cookie } })).body).toContain('Discussion settings saved.');
    const off = await send(PAGE, { ...(await currentForm()), comment_moderation: '' });
    expect(off.statusCode).toBe(303);
    expect((await loadSettings(t.ctx.db)).comment_moderation).toBe(false);
  });

  it('refuses bad values with a message next to each field, keeps what was typed, and saves nothing', async () => {
    const before = await loadSettings(t.ctx.db);
    const form = await currentForm();
    const r = await send(PAGE, { ...form, comment_max_links: 'lots', close_comments_days_old: '0', blocked_source_hosts: 'good.example\nnot a host!', update_services: 'ftp://x.example/' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/id="comment_max_links-error">Enter a whole number from 0 to 1000\./);
    expect(r.body).toMatch(/id="close_comments_days_old-error">Enter a whole number from 1 to 36500\./);
    expect(r.body).toMatch(/id="blocked_source_hosts-error">Line 2 \(“not a host!”\)/);
    expect(r.body).toMatch(/id="update_services-error">[^<]*not an http/);
    expect(r.body).toContain('value="lots"');
    expect(r.body).toContain('good.example\nnot a host!</textarea>');
    expect(await loadSettings(t.ctx.db)).toEqual(before);
  });
});

describe('new posts versus existing posts', () => {
  it('turning link notifications off reaches new posts only; "close pings on all existing posts" reaches the rest and counts them', async () => {
    const old1 = await makePost(t.ctx, adminUser.id);
    const old2 = await makePost(t.ctx, adminUser.id);
    const alreadyClosed = await makePost(t.ctx, adminUser.id, { ping_status: 'closed' });
    const form = await currentForm();
    delete form.default_ping_status;
    expect((await send(PAGE, form)).statusCode).toBe(303);
    const created = await createPost(t.ctx, adminUser, { title: 'Fresh', content: '<p>x</p>', status: 'published' });
    if (!created.ok) throw new Error('post not created');
    expect(created.post.ping_status).toBe('closed');
    const reload = async (id: number) => (await t.ctx.db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    expect((await reload(old1.id)).ping_status).toBe('open');
    expect((await decide(t.ctx, pingCandidate(old1.id, 'http://p.example/1'), await reload(old1.id))).action).not.toBe('refuse');

    const openCount = (await t.ctx.db.selectFrom('posts').select('id').where('ping_status', '=', 'open').execute()).length;
    const total = (await t.ctx.db.selectFrom('posts').select('id').execute()).length;
    expect((await t.app.inject({ url: PAGE, headers: admin.headers })).body).toContain(`Link notifications are open on <strong>${openCount}</strong> of ${total} posts`);
    const r = await send(`${PAGE}/all-posts`, { what: 'pings', to: 'closed' });
    expect(r.statusCode).toBe(303);
    const page = (await t.app.inject({ url: PAGE, headers: { cookie: admin.cookie } })).body;
    expect(page).toContain(`Closed pings on ${openCount} posts.`);
    expect(openCount).toBeGreaterThanOrEqual(2);
    expect([(await reload(old1.id)).ping_status, (await reload(old2.id)).ping_status, (await reload(alreadyClosed.id)).ping_status]).toEqual(['closed', 'closed', 'closed']);
    expect(page).toContain(`Link notifications are open on <strong>0</strong> of ${total} posts`);
    expect(await decide(t.ctx, pingCandidate(old1.id, 'http://p.example/2'), await reload(old1.id))).toMatchObject({ action: 'refuse' });

    await send(`${PAGE}/all-posts`, { what: 'pings', to: 'closed' });
    expect((await t.app.inject({ url: PAGE, headers: { cookie: admin.cookie } })).body).toContain('Closed pings on 0 posts.');
    await send(`${PAGE}/all-posts`, { what: 'pings', to: 'open' });
    expect((await reload(alreadyClosed.id)).ping_status).toBe('open');
    expect((await send(`${PAGE}/all-posts`, { what: 'everything', to: 'closed' })).statusCode).toBe(400);
  });
});

describe('showing readers’ comments (issue 16)', () => {
  it('saves threading depth, comments per page, the default page, the order and Gravatar, and refuses what is out of range', async () => {
    const form = await currentForm();
    expect(form).toMatchObject({ thread_comments: '1', thread_comments_depth: '5', comments_per_page: '50', default_comments_page: 'newest', comment_order: 'asc' });
    expect(form.use_gravatar).toBeUndefined();
    const bad = await send(PAGE, { ...form, thread_comments_depth: '11', comments_per_page: '0', comment_order: 'sideways' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a whole number from 2 to 10.');
    expect(bad.body).toContain('Enter a whole number from 1 to 200.');
    expect(bad.body).toContain('Choose one of the options offered.');
    const ok = await send(PAGE, { ...form, thread_comments: '', thread_comments_depth: '3', comments_per_page: '20', default_comments_page: 'oldest', comment_order: 'desc', use_gravatar: '1' });
    expect(ok.statusCode).toBe(303);
    expect(await loadSettings(t.ctx.db)).toMatchObject({ thread_comments: false, thread_comments_depth: 3, comments_per_page: 20, default_comments_page: 'oldest', comment_order: 'desc', use_gravatar: true });
  });
});
