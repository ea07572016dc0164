// Issue 16 point 1 through the real form and pages: threaded replies (no-JavaScript ?replytocom, depth cap,
// parents that may not be answered), comment pages, refusals that keep the text, spam traps as moderation
// reasons, plain URLs linked, local avatars, remember-me only with consent, and a held comment seen by its
// writer alone while the shared page cache keeps serving everyone else the same page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { moderateComment } from '../../src/comments/moderation.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { Post, User } from '../../src/db/schema.js';
import { addComment, formBody, html, publish } from '../support/public-site.js';
import { commentFormToken } from '../../src/comments/form-token.js';
import { formTimeStamp } from '../../src/comments/form-time.js';

describe('threaded readers’ comments', () => {
  let t: TestApp;
  let author: User;
  let post: Post;
  let ipSeq = 0;
  const permalink = '/2026/02/03/talk-of-the-town/';
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-03-01T12:00:00.000Z'));
    author = await createUser(t.ctx, 'author', 'tess');
    post = await publish(t, author, 'Talk of the town', { date: '2026-02-03T09:00:00Z' });
    // Every reader's comment is approved unless a test says otherwise: threading is what is looked at.
    await saveSettings(t.ctx.db, { comment_previously_approved: false });
  });
  afterAll(() => t.close());

  const get = async (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { ...html, ...headers } });
  const send = async (fields: Record<string, string>, opts: { ip?: string; shownSecondsAgo?: number; cookie?: string } = {}) => {
    const shown = formTimeStamp(t.ctx.config.sessionSecret, post.id, t.clock.now());
    t.clock.advance((opts.shownSecondsAgo ?? 16) * 1000);
    return t.app.inject({
      method: 'POST',
      url: '/comments',
      remoteAddress: opts.ip ?? `198.51.100.${++ipSeq}`,
      headers: { ...html, 'content-type': 'application/x-www-form-urlencoded', ...(opts.cookie ? { cookie: opts.cookie } : {}) },
      payload: formBody({ post_id: String(post.id), form_token: commentFormToken(t.ctx.config.sessionSecret, post.id), form_time: shown, author: 'Ann', email: `ann${ipSeq}@example.org`, ...fields }),
    });
  };
  const last = () => t.ctx.db.selectFrom('comments').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  const sendApproved = async (fields: Record<string, string>) => {
    const res = await send(fields);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const c = await last();
    await moderateComment(t.ctx, c.id, 'approve');
    return c;
  };

  it('nests a reply under the comment it answers, with a Reply link that works without JavaScript', async () => {
    const top = await sendApproved({ author: 'Top Reader', content: 'First!' });
    const $0 = cheerio.load((await get(permalink)).body);
    const link = $0(`#comment-${top.id} .comment-reply-link`);
    expect(link.attr('href')).toBe(`${permalink}?replytocom=${top.id}#respond`);
    expect(link.attr('rel')).toBe('nofollow');
    // The no-JavaScript reply page: the form says whom it answers and carries the parent.
    const $r = cheerio.load((await get(`${permalink}?replytocom=${top.id}`)).body);
    expect($r('#reply-title').text()).toContain('Reply to Top Reader');
    expect($r('input[name=comment_parent]').val()).toBe(String(top.id));
    expect($r('#cancel-comment-reply-link').attr('href')).toBe(`${permalink}#respond`);

    const reply = await sendApproved({ content: 'A reply', comment_parent: String(top.id) });
    expect(reply).toMatchObject({ parent_id: top.id, thread_id: top.id });
    const deeper = await sendApproved({ content: 'Deeper', comment_parent: String(reply.id) });
    expect(deeper).toMatchObject({ parent_id: reply.id, thread_id: top.id });
    const $ = cheerio.load((await get(permalink)).body);
    expect($(`.comment-list > #comment-${top.id} > ol.children > #comment-${reply.id} > ol.children > #comment-${deeper.id}`).length).toBe(1);
    expect($(`#comment-${deeper.id}`).hasClass('depth-3')).toBe(true);
    expect($('#comments-title').text()).toBe('3 comments');
  });

  it('shows replies past the depth setting at the deepest level, where no Reply link is offered', async () => {
    await saveSettings(t.ctx.db, { thread_comments_depth: 2 });
    try {
      const top = await sendApproved({ content: 'Root two' });
      const second = await sendApproved({ content: 'Level two', comment_parent: String(top.id) });
      const third = await sendApproved({ content: 'Level three', comment_parent: String(second.id) });
      const $ = cheerio.load((await get(permalink)).body);
      expect($(`#comment-${top.id} > ol.children > #comment-${third.id}`).length).toBe(1);
      expect($(`#comment-${third.id}`).hasClass('depth-2')).toBe(true);
      expect($(`#comment-${second.id} .comment-reply-link`).length).toBe(0);
      expect($(`#comment-${top.id} > article .comment-reply-link`).length).toBe(1);
    } finally {
      await saveSettings(t.ctx.db, { thread_comments_depth: 5 });
    }
  });

  it('refuses a reply to a held comment or one on another post with 400, keeping the text', async () => {
    const other = await publish(t, author, 'Elsewhere', { date: '2026-02-04T09:00:00Z' });
    const foreign = await addComment(t, other);
    const held = await addComment(t, post, { approve: false });
    for (const [parent, why] of [[foreign.id, /not on this post/], [held.id, /not published/], [999999, /not on this post/]] as const) {
      const res = await send({ content: 'My kept reply', comment_parent: String(parent) });
      expect(res.statusCode).toBe(400);
      const $ = cheerio.load(res.body);
      expect($('#comment-form .form-error').first().text()).toMatch(why);
      expect($('textarea[name=content]').val()).toBe('My kept reply');
    }
  });

  it('refuses a duplicate with 409 and the text kept', async () => {
    await sendApproved({ author: 'Dup', email: 'dup@example.org', content: 'Same words' });
    const res = await send({ author: 'Dup', email: 'dup@example.org', content: 'Same words' });
    expect(res.statusCode).toBe(409);
    const $ = cheerio.load(res.body);
    expect($('#comment-form .form-error').text()).toMatch(/already said that/);
    expect($('textarea[name=content]').val()).toBe('Same words');
  });

  it('holds a comment sent too soon after the page, or without its time stamp, saying why', async () => {
    await send({ content: 'Bot speed' }, { shownSecondsAgo: 1 });
    expect(await last()).toMatchObject({ status: 'pending', moderation_reason: 'spam trap: sent 1 s after the form was shown (people take at least 3 s)' });
    await send({ content: 'No stamp', form_time: '' });
    expect(await last()).toMatchObject({ status: 'pending', moderation_reason: 'spam trap: the form’s time stamp was missing or altered' });
  });

  it('links plain URLs with nofollow ugc and draws avatars locally unless Gravatar is turned on', async () => {
    const c = await sendApproved({ content: 'See https://example.org/a_(b)?x=1&y=2. And <a href="https://x.example/">this</a>.', email: 'pic@example.org' });
    expect(c.content).toBe('See <a href="https://example.org/a_(b)?x=1&amp;y=2" rel="nofollow ugc">https://example.org/a_(b)?x=1&amp;y=2</a>. And <a href="https://x.example/" rel="nofollow ugc">this</a>.');
    const $ = cheerio.load((await get(permalink)).body);
    expect($(`#comment-${c.id} img.avatar`).attr('src')).toMatch(/^data:image\/svg\+xml,/);
    expect($('img.avatar').toArray().every((img) => $(img).attr('src')!.startsWith('data:'))).toBe(true);
    await saveSettings(t.ctx.db, { use_gravatar: true });
    const $g = cheerio.load((await get(permalink)).body);
    expect($g(`#comment-${c.id} img.avatar`).attr('src')).toMatch(/^https:\/\/gravatar\.com\/avatar\/[0-9a-f]{64}\?s=80&d=identicon$/);
    await saveSettings(t.ctx.db, { use_gravatar: false });
  });

  it('remembers name, email and website only when the reader ticks the box, and the page stays shared', async () => {
    const without = await send({ content: 'No cookie please' });
    expect(String(without.headers['set-cookie'] ?? '')).not.toMatch(/bt_commenter/);
    const withConsent = await send({ author: 'Remy', email: 'remy@example.org', url: 'https://remy.example/', content: 'Remember me', 'wp-comment-cookies-consent': 'yes' });
    const cookie = String(withConsent.headers['set-cookie']);
    expect(cookie).toMatch(/^bt_commenter=[^;]+; Max-Age=30000000; Path=\/; SameSite=Lax/);
    expect(decodeURIComponent(cookie.split(';')[0].split('=')[1])).toBe(JSON.stringify({ author: 'Remy', email: 'remy@example.org', url: 'https://remy.example/' }));
    // The server never writes the details into the page: it is the same shared page for everyone.
    await get(permalink);
    const page = await get(permalink, { cookie: cookie.split(';')[0] });
    expect(page.headers['x-cache']).toBe('hit');
    expect(page.body).not.toContain('remy@example.org');
    // Sending again without the box ticked forgets them.
    const forget = await send({ content: 'Forget me now' }, { cookie: cookie.split(';')[0] });
    expect(String(forget.headers['set-cookie'])).toMatch(/^bt_commenter=; Max-Age=0/);
  });

  it('shows a held comment to its writer alone, never through the shared cache', async () => {
    await saveSettings(t.ctx.db, { comment_moderation: true });
    try {
      await get(permalink); // cached for everyone
      const res = await send({ author: 'Pat', content: 'Waiting my turn' });
      const held = await last();
      expect(held.status).toBe('pending');
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^backtalk_pending=[^;]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax/);
      const mine = await get(permalink, { cookie: setCookie.split(';')[0] });
      expect(mine.headers['cache-control']).toBe('private, no-store');
      const $ = cheerio.load(mine.body);
      expect($(`#comment-${held.id} .comment-awaiting-moderation`).text()).toBe('Your comment is awaiting moderation.');
      const theirs = await get(permalink);
      expect(theirs.body).not.toContain('Waiting my turn');
      // A forged or expired cookie shows nothing.
      const forged = setCookie.split(';')[0].replace(/\.[\w-]{32}$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      expect((await get(permalink, { cookie: forged })).body).not.toContain('Waiting my turn');
      t.clock.advance(3_601_000);
      expect((await get(permalink, { cookie: setCookie.split(';')[0] })).body).not.toContain('Waiting my turn');
    } finally {
      await saveSettings(t.ctx.db, { comment_moderation: false });
    }
  });

  it('pages top-level threads at /comment-page-N/, newest page by default, and sends replies to their thread’s page', async () => {
    const fresh = await publish(t, author, 'Paged talk', { date: '2026-02-05T09:00:00Z' });
    const base = '/2026/02/05/paged-talk/';
    await saveSettings(t.ctx.db, { comments_per_page: 2 });
    try {
      const tops = [];
      for (let i = 1; i <= 5; i++) tops.push(await addComment(t, fresh, { author: `T${i}` }));
      const ids = ($: cheerio.CheerioAPI) => $('.comment-list > li').map((_, e) => $(e).attr('id')).get();
      const $last = cheerio.load((await get(base)).body);
      expect(ids($last)).toEqual([`comment-${tops[4].id}`]);
      expect($last('.comment-navigation-above .nav-previous').attr('href')).toBe(`${base}comment-page-2/#comments`);
      expect($last('.comment-navigation-above .page-of').text()).toBe('Page 3 of 3');
      const $2 = cheerio.load((await get(`${base}comment-page-2/`)).body);
      expect(ids($2)).toEqual([`comment-${tops[2].id}`, `comment-${tops[3].id}`]);
      expect($2('.nav-next').attr('href')).toBe(`${base}#comments`);
      expect((await get(`${base}comment-page-3/`)).headers.location).toBe(base);
      expect((await get(`${base}comment-page-4/`)).statusCode).toBe(404);
      expect((await get(`${base}comment-page-0/`)).statusCode).toBe(404);
      expect((await get(`${base}?cpage=2`)).headers.location).toBe(`${base}comment-page-2/#comments`);
      // Shared in the page cache like the permalink.
      expect((await get(`${base}comment-page-2/`)).headers['x-cache']).toBe('hit');
      // Oldest page first, newer comments on top.
      await saveSettings(t.ctx.db, { default_comments_page: 'oldest', comment_order: 'desc' });
      expect(ids(cheerio.load((await get(base)).body))).toEqual([`comment-${tops[1].id}`, `comment-${tops[0].id}`]);
      await saveSettings(t.ctx.db, { default_comments_page: 'newest', comment_order: 'asc' });
      // A reply goes to the page its thread is on.
      const shown = formTimeStamp(t.ctx.config.sessionSecret, fresh.id, t.clock.now());
      t.clock.advance(16_000);
      const res = await t.app.inject({
        method: 'POST',
        url: '/comments',
        remoteAddress: '203.0.113.99',
        headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ post_id: String(fresh.id), form_token: commentFormToken(t.ctx.config.sessionSecret, fresh.id), form_time: shown, author: 'Rae', email: 'rae@example.org', content: 'Back to page two', comment_parent: String(tops[2].id) }),
      });
      const reply = await last();
      expect(reply.status).toBe('pending');
      expect(res.headers.location).toMatch(new RegExp(`^${base}comment-page-2/\\?unapproved=${reply.id}&moderation-hash=[\\w-]{20}#comment-${reply.id}$`));
      // Its writer finds it there, under the comment it answers.
      const $mine = cheerio.load((await get(String(res.headers.location).split('#')[0])).body);
      expect($mine(`#comment-${tops[2].id} > ol.children > #comment-${reply.id} .comment-awaiting-moderation`).length).toBe(1);
    } finally {
      await saveSettings(t.ctx.db, { comments_per_page: 50 });
    }
  });
});
