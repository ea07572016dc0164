// Readers' comments through the real form: validation that keeps what was typed, the honeypot, closed
// posts, moderation (pending hidden, approved shown), escaping of hostile input, and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { moderateComment } from '../../src/comments/moderation.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { Post, User } from '../../src/db/schema.js';
import { signIn } from '../support/session.js';
import { formBody, html, publish } from '../support/public-site.js';
import { commentFormToken } from '../../src/comments/form-token.js';
import { formTimeStamp } from '../../src/comments/form-time.js';

describe("readers' comments", () => {
  let t: TestApp;
  let author: User;
  let post: Post;
  let ipSeq = 0;
  beforeAll(async () => {
    t = await createTestApp();
    author = await createUser(t.ctx, 'author', 'dora');
    post = await publish(t, author, 'Open for talk', { date: '2026-01-14T09:00:00Z' });
  });
  afterAll(() => t.close());

  const permalink = '/2026/01/14/open-for-talk/';
  const good = { author: 'Eve Reader', email: 'eve@example.org', url: 'https://eve.example/', content: 'Thanks for this.' };
  /** Each call comes from a fresh address unless told, past the 15-second flood window. */
  const send = async (fields: Record<string, string>, ip?: string) => {
    // The form was shown 16 s before it is sent: past the spam trap's minimum time (comments/form-time.ts).
    const shown = formTimeStamp(t.ctx.config.sessionSecret, Number(fields.post_id ?? post.id), t.clock.now());
    t.clock.advance(16_000);
    return t.app.inject({
      method: 'POST',
      url: '/comments',
      remoteAddress: ip ?? `198.51.100.${++ipSeq}`,
      headers: { ...html, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TestBrowser/1.0' },
      payload: formBody({ post_id: String(post.id), form_token: commentFormToken(t.ctx.config.sessionSecret, post.id), form_time: shown, ...fields }),
    });
  };
  const rows = () => t.ctx.db.selectFrom('comments').selectAll().where('post_id', '=', post.id).orderBy('id').execute();

  it('shows the form under an open post', async () => {
    const $ = cheerio.load((await t.app.inject({ url: permalink, headers: html })).body);
    const form = $('form[action="/comments#comment-form"][method=post]');
    expect(form.length).toBe(1);
    for (const name of ['author', 'email', 'url', 'content', 'post_id', 'leave_this_empty']) expect(form.find(`[name=${name}]`).length, name).toBe(1);
    expect(form.find('[name=post_id]').val()).toBe(String(post.id));
    expect(form.find('button[type=submit]').text()).toBe('Post Comment');
    expect(form.find('[name=leave_this_empty]').closest('.hp').length).toBe(1);
  });

  it('fills in the name and email of a signed-in user', async () => {
    const s = await signIn(t, author);
    const $ = cheerio.load((await t.app.inject({ url: permalink, headers: { ...html, ...s.headers } })).body);
    expect($('input[name=author]').val()).toBe('Dora');
    expect($('input[name=email]').val()).toBe('dora@example.test');
  });

  it('re-renders with 400, a message next to each bad field and what was typed', async () => {
    const res = await send({ author: '', email: 'not an email', url: 'javascript:alert(1)', content: 'My <b>kept</b> words & "quotes"' });
    expect(res.statusCode).toBe(400);
    const $ = cheerio.load(res.body);
    expect($('#author-error').text()).toMatch(/name/);
    expect($('#email-error').text()).toMatch(/valid email/);
    expect($('#url-error').text()).toMatch(/http/);
    expect($('#content-error').length).toBe(0);
    expect($('textarea[name=content]').text()).toBe('My <b>kept</b> words & "quotes"');
    expect($('input[name=email]').val()).toBe('not an email');
    expect($('input[name=url]').val()).toBe('javascript:alert(1)');
    expect($('h1.post-title').text()).toBe('Open for talk');
    const empty = await send({ ...good, content: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(cheerio.load(empty.body)('#content-error').text()).toMatch(/type a comment/);
    const tooLong = await send({ ...good, content: 'x'.repeat(20_001) });
    expect(cheerio.load(tooLong.body)('#content-error').text()).toMatch(/too long/);
    const onlyScript = await send({ ...good, content: '<script>alert(1)</script>' });
    expect(onlyScript.statusCode).toBe(400);
    expect(await rows()).toHaveLength(0);
  });

  it('files a filled honeypot as spam, saying why in its moderation reason', async () => {
    const res = await send({ ...good, leave_this_empty: 'http://spam.example/' });
    expect(res.statusCode).toBe(303);
    const [c] = await rows();
    expect(c).toMatchObject({ status: 'spam', moderation_reason: 'spam trap: the hidden “leave this empty” field was filled in' });
    await t.ctx.db.deleteFrom('comments').where('id', '=', c.id).execute();
  });

  it('stores a good comment as pending and sends the reader back with a moderation notice', async () => {
    const res = await send({ ...good, content: 'First <em>thought</em><script>x()</script>' }, '203.0.113.7');
    expect(res.statusCode).toBe(303);
    const [c] = await rows();
    expect(res.headers.location).toMatch(new RegExp(`^${permalink}\\?unapproved=${c.id}&moderation-hash=[\\w-]{20}#comment-${c.id}$`));
    expect(c).toMatchObject({ kind: 'comment', status: 'pending', author_name: 'Eve Reader', author_email: 'eve@example.org', author_url: 'https://eve.example/', ip: '203.0.113.7', user_agent: 'TestBrowser/1.0' });
    expect(c.content).toBe('First <em>thought</em>');
    const page = await t.app.inject({ url: String(res.headers.location).split('#')[0], headers: html });
    const $ = cheerio.load(page.body);
    expect($(`#comment-${c.id} .comment-awaiting-moderation`).text()).toBe('Your comment is awaiting moderation.');
    expect($('#comments h2').text().trim()).toBe('0 comments');
    // The plain page shows it to nobody.
    expect(cheerio.load((await t.app.inject({ url: permalink, headers: html })).body)(`#comment-${c.id}`).length).toBe(0);
    // A moderation id for another post, or a made-up one, shows no notice.
    const forged = await t.app.inject({ url: `${permalink}?moderation=9999`, headers: html });
    expect(cheerio.load(forged.body)('.notice').length).toBe(0);
  });

  it('shows approved comments in order, and points straight at an approved new one', async () => {
    const [first] = await rows();
    await moderateComment(t.ctx, first.id, 'approve');
    // The same email now has an approved comment, so the rules approve the next one at once.
    const res = await send({ ...good, content: 'Second thought' });
    expect(res.statusCode).toBe(303);
    const second = (await rows()).at(-1)!;
    expect(second.status).toBe('approved');
    expect(res.headers.location).toBe(`${permalink}#comment-${second.id}`);
    const $ = cheerio.load((await t.app.inject({ url: permalink, headers: html })).body);
    expect($('.comment-list > li').map((_, e) => $(e).attr('id')).get()).toEqual([`comment-${first.id}`, `comment-${second.id}`]);
    expect($('#comments h2').text().trim()).toBe('2 comments');
    expect($('.post-meta .comment-count').text().trim()).toBe('2 comments');
    expect($(`#comment-${first.id} .comment-author`).attr('href')).toBe('https://eve.example/');
    expect($(`#comment-${first.id} .comment-author`).attr('rel')).toContain('nofollow');
  });

  it('escapes hostile names and strips hostile markup', async () => {
    const res = await send({ author: '<script>alert("name")</script>', email: 'x@example.org', url: '', content: '<img src=x onerror=alert(1)><a href="javascript:alert(2)">link</a> <b>bold</b><script>alert(3)</script>' });
    expect(res.statusCode).toBe(303);
    const c = (await rows()).at(-1)!;
    await moderateComment(t.ctx, c.id, 'approve');
    const body = (await t.app.inject({ url: permalink, headers: html })).body;
    expect(body).not.toContain('<script>alert');
    expect(body).not.toMatch(/onerror|javascript:alert/);
    const $ = cheerio.load(body);
    expect($(`#comment-${c.id} .comment-author`).text()).toBe('<script>alert("name")</script>');
    expect($(`#comment-${c.id} .comment-content b`).text()).toBe('bold');
  });

  it('strips control characters such as NUL instead of failing', async () => {
    const res = await send({ ...good, author: 'Nul\u0000l', email: 'nul@example.org', content: 'zero\u0000byte' });
    expect(res.statusCode).toBe(303);
    const c = (await rows()).at(-1)!;
    expect(c.author_name).toBe('Null');
    expect(c.content).toBe('zerobyte');
  });

  it('passes on the status and reason of a refusal by the rules (flood)', async () => {
    const first = await send({ ...good, email: 'flood@example.org', content: 'one' }, '203.0.113.50');
    expect(first.statusCode).toBe(303);
    const second = await t.app.inject({
      method: 'POST',
      url: '/comments',
      remoteAddress: '203.0.113.50',
      headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ post_id: String(post.id), form_token: commentFormToken(t.ctx.config.sessionSecret, post.id), ...good, email: 'flood2@example.org', content: 'two' }),
    });
    // The post page again, the text kept, one sentence saying why (issue 16: it used to be a bare 429 page).
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('15');
    const $ = cheerio.load(second.body);
    expect($('#comment-form .form-error').text()).toMatch(/posting comments too quickly/);
    expect($('textarea[name=content]').val()).toBe('two');
    expect($('input[name=email]').val()).toBe('flood2@example.org');
  });

  it('answers a bad or unpublished post_id with 404', async () => {
    const draft = await publish(t, author, 'Quiet draft', { status: 'draft' });
    for (const id of ['', 'abc', '0', '99999', '1e2', String(draft.id)]) {
      const res = await send({ ...good, post_id: id });
      expect(res.statusCode, id).toBe(404);
    }
  });

  it('refuses comments on closed posts with 403 and shows no form', async () => {
    const closed = await publish(t, author, 'No talk', { commentStatus: 'closed', date: '2026-01-14T10:00:00Z' });
    const page = cheerio.load((await t.app.inject({ url: '/2026/01/14/no-talk/', headers: html })).body);
    expect(page('form[action^="/comments"]').length).toBe(0);
    expect(page('.comments-closed').text()).toContain('Comments are closed');
    const res = await send({ ...good, post_id: String(closed.id) });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Comments are closed');
    expect(await t.ctx.db.selectFrom('comments').select('id').where('post_id', '=', closed.id).execute()).toHaveLength(0);
  });

  it('closes old posts when close_comments_for_old_posts is set', async () => {
    await saveSettings(t.ctx.db, { close_comments_for_old_posts: true, close_comments_days_old: 14 });
    const old = await publish(t, author, 'Ancient', { date: '2025-06-01T10:00:00Z' });
    try {
      const page = cheerio.load((await t.app.inject({ url: '/2025/06/01/ancient/', headers: html })).body);
      expect(page('form[action^="/comments"]').length).toBe(0);
      expect((await send({ ...good, post_id: String(old.id) })).statusCode).toBe(403);
      const fresh = cheerio.load((await t.app.inject({ url: permalink, headers: html })).body);
      expect(fresh('form[action^="/comments"]').length).toBe(1);
    } finally {
      await saveSettings(t.ctx.db, { close_comments_for_old_posts: false });
    }
  });

  it('lets name and email be left out when require_name_email is off', async () => {
    await saveSettings(t.ctx.db, { require_name_email: false });
    try {
      const res = await send({ author: '', email: '', url: '', content: 'Anonymous note' });
      expect(res.statusCode).toBe(303);
    } finally {
      await saveSettings(t.ctx.db, { require_name_email: true });
    }
  });

  it('limits each address to 10 submissions a minute', async () => {
    const ip = '192.0.2.200';
    const codes: number[] = [];
    let last = '';
    for (let i = 0; i < 11; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/comments',
        remoteAddress: ip,
        headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ post_id: String(post.id), form_token: commentFormToken(t.ctx.config.sessionSecret, post.id), ...good, content: i === 10 ? 'Kept words' : '' }),
      });
      codes.push(res.statusCode);
      last = res.body;
    }
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes[10]).toBe(429);
    // Even the rate limit gives the post page back with the text and why.
    const $ = cheerio.load(last);
    expect($('#comment-form .form-error').text()).toMatch(/Too many comments were sent from your address/);
    expect($('textarea[name=content]').val()).toBe('Kept words');
  });
});
