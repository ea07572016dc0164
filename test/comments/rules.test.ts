// The moderation rules and their order (src/comments/rules.ts): each rule alone, and pairs where two rules
// disagree so the test fails if the order changes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { decide } from '../../src/comments/rules.js';
import { LINKBACK_BURST } from '../../src/comments/rule-repository.js';
import { submitComment } from '../../src/comments/service.js';
import { saveSettings } from '../../src/settings/repository.js';
import { defaultSettings } from '../../src/settings/definitions.js';
import type { Post, User } from '../../src/db/schema.js';
import { linkbackFields, makeComment, makePost, pingCandidate, readerCandidate } from './fixtures.js';

let t: TestApp;
let author: User;
let post: Post;

beforeAll(async () => {
  t = await createTestApp();
  author = await createUser(t.ctx, 'author');
});
afterAll(() => t.close());
beforeEach(async () => {
  await saveSettings(t.ctx.db, defaultSettings);
  t.clock.advance(60_000); // every test starts clear of the flood window
  post = await makePost(t.ctx, author.id);
});

const d = (c: Parameters<typeof decide>[1], p: Post = post) => decide(t.ctx, c, p);

describe('refusals at the door', () => {
  it('refuses comments on a post closed to comments, but still takes pings there (and the reverse)', async () => {
    const noComments = await makePost(t.ctx, author.id, { comment_status: 'closed' });
    expect(await d(readerCandidate(noComments.id), noComments)).toMatchObject({ action: 'refuse', httpStatus: 403 });
    expect((await d(pingCandidate(noComments.id, 'http://a.example/1'), noComments)).action).toBe('hold');
    const noPings = await makePost(t.ctx, author.id, { ping_status: 'closed' });
    expect(await d(pingCandidate(noPings.id, 'http://a.example/2'), noPings)).toMatchObject({ action: 'refuse', rule: 'closed', httpStatus: 403, reason: expect.stringContaining('closed') });
    expect((await d(readerCandidate(noPings.id), noPings)).action).toBe('hold');
  });

  it('closes comments and pings on posts older than close_comments_days_old when asked', async () => {
    const old = await makePost(t.ctx, author.id, { published_at: new Date(t.clock.now().getTime() - 20 * 86_400_000).toISOString() });
    expect((await d(pingCandidate(old.id, 'http://a.example/old'), old)).action).toBe('hold');
    await saveSettings(t.ctx.db, { close_comments_for_old_posts: true, close_comments_days_old: 14 });
    expect(await d(pingCandidate(old.id, 'http://a.example/old'), old)).toMatchObject({ action: 'refuse', reason: expect.stringContaining('14 days') });
    expect((await d(readerCandidate(old.id), old)).action).toBe('refuse');
    expect((await d(readerCandidate(post.id))).action).toBe('hold');
  });

  it('refuses a blocked source host (and its subdomains) with 403 even when it is also trusted', async () => {
    await saveSettings(t.ctx.db, { blocked_source_hosts: ['spam.example'], trusted_source_hosts: ['spam.example'] });
    expect(await d(pingCandidate(post.id, 'http://www.spam.example/x'))).toMatchObject({ action: 'refuse', rule: 'blocked', httpStatus: 403 });
    expect((await d(pingCandidate(post.id, 'http://notspam.example/x'))).action).toBe('hold');
  });

  it('refuses duplicates with 409: same comment twice, same source twice on one post; the same source on another post is fine', async () => {
    const first = readerCandidate(post.id);
    expect((await submitComment(t.ctx, post, first)).ok).toBe(true);
    t.clock.advance(60_000);
    expect(await d({ ...first, ip: '192.0.2.99' })).toMatchObject({ action: 'refuse', httpStatus: 409 });
    const ping = pingCandidate(post.id, 'http://b.example/post');
    await submitComment(t.ctx, post, ping, linkbackFields(ping.sourceUrl!));
    t.clock.advance(60_000);
    expect(await d({ ...ping, ip: '192.0.2.98' })).toMatchObject({ action: 'refuse', httpStatus: 409 });
    const other = await makePost(t.ctx, author.id);
    expect((await d({ ...ping, postId: other.id }, other)).action).not.toBe('refuse');
  });

  it('a duplicate is refused before a flood (409 wins over 429)', async () => {
    const c = readerCandidate(post.id);
    await submitComment(t.ctx, post, c);
    expect(await d(c)).toMatchObject({ httpStatus: 409 });
  });
});

describe('flood', () => {
  it('refuses a second comment from the same IP within 15 seconds, not after', async () => {
    await submitComment(t.ctx, post, readerCandidate(post.id, { ip: '198.51.100.7' }));
    t.clock.advance(10_000);
    expect(await d(readerCandidate(post.id, { ip: '198.51.100.7' }))).toMatchObject({ action: 'refuse', httpStatus: 429 });
    t.clock.advance(6_000);
    expect((await d(readerCandidate(post.id, { ip: '198.51.100.7' }))).action).toBe('hold');
  });

  it('matches on email only when one is given: two empty-email comments from different IPs are not a flood', async () => {
    await submitComment(t.ctx, post, readerCandidate(post.id, { authorEmail: 'same@example.test' }));
    expect(await d(readerCandidate(post.id, { authorEmail: 'SAME@example.test' }))).toMatchObject({ httpStatus: 429 });
    await saveSettings(t.ctx.db, { require_name_email: false });
    t.clock.advance(60_000);
    await submitComment(t.ctx, post, readerCandidate(post.id, { authorEmail: '' }));
    expect((await d(readerCandidate(post.id, { authorEmail: '' }))).action).toBe('hold');
  });

  it('refuses a burst of linkbacks from one source host (LINKBACK_BURST in a minute), never by IP, and not one page pinging several posts', async () => {
    for (let i = 0; i < LINKBACK_BURST; i++) {
      const p = pingCandidate(post.id, `http://c.example/${i}`, { ip: '198.51.100.50' });
      expect((await submitComment(t.ctx, post, p, linkbackFields(p.sourceUrl!))).ok).toBe(true);
      t.clock.advance(1_000);
    }
    expect(await d(pingCandidate(post.id, 'http://c.example/six'))).toMatchObject({ httpStatus: 429, reason: expect.stringContaining('c.example') });
    expect((await d(pingCandidate(post.id, 'http://other.example/x', { ip: '198.51.100.50' }))).action).toBe('hold');
    const other = await makePost(t.ctx, author.id);
    expect((await d(pingCandidate(other.id, 'http://c.example/0'), other)).action).toBe('hold');
    t.clock.advance(60_000 - LINKBACK_BURST * 1_000 + 1_000);
    expect((await d(pingCandidate(post.id, 'http://c.example/six'))).action).toBe('hold');
  });


  it('spares trusted source hosts', async () => {
    await saveSettings(t.ctx.db, { trusted_source_hosts: ['pal.example'] });
    for (let i = 0; i < LINKBACK_BURST; i++) {
      for (const host of ['pal.example', 'stranger.example']) {
        const p = pingCandidate(post.id, `http://${host}/${i}`);
        await submitComment(t.ctx, post, p, linkbackFields(p.sourceUrl!));
      }
    }
    expect((await d(pingCandidate(post.id, 'http://pal.example/again'))).action).toBe('approve');
    expect((await d(pingCandidate(post.id, 'http://stranger.example/again'))).action).toBe('refuse');
  });

  it('spares the post’s author', async () => {
    await submitComment(t.ctx, post, readerCandidate(post.id, { ip: '198.51.100.8', userId: author.id }));
    expect((await d(readerCandidate(post.id, { ip: '198.51.100.8', userId: author.id }))).action).toBe('approve');
  });
});

describe('word lists, links and holds', () => {
  it('disallowed words trash, matched in author, email, URL, content, IP and user agent', async () => {
    await saveSettings(t.ctx.db, { disallowed_keys: ['casino', '203.0.113.66', 'EvilBot'] });
    expect(await d(readerCandidate(post.id, { content: 'Best <b>CASINO</b> ever' }))).toMatchObject({ action: 'trash', reason: expect.stringContaining('casino') });
    expect((await d(readerCandidate(post.id, { ip: '203.0.113.66' }))).action).toBe('trash');
    expect((await d(readerCandidate(post.id, { userAgent: 'evilbot/1.0' }))).action).toBe('trash');
    expect((await d(readerCandidate(post.id, { authorEmail: 'me@casino.example' }))).action).toBe('trash');
    expect((await d(readerCandidate(post.id))).action).toBe('hold');
  });

  it('disallowed beats trusted; hold-every beats trusted; moderation words beat previously approved', async () => {
    await saveSettings(t.ctx.db, { disallowed_keys: ['viagra'], trusted_source_hosts: ['friend.example'] });
    expect((await d(pingCandidate(post.id, 'http://friend.example/a', { content: 'viagra' }))).action).toBe('trash');
    expect((await d(pingCandidate(post.id, 'http://friend.example/a'))).action).toBe('approve');
    await saveSettings(t.ctx.db, { comment_moderation: true });
    expect(await d(pingCandidate(post.id, 'http://friend.example/a'))).toMatchObject({ action: 'hold', reason: expect.stringContaining('every comment') });
    await saveSettings(t.ctx.db, { comment_moderation: false, moderation_keys: ['crypto'] });
    await makeComment(t.ctx, post.id, { status: 'approved', author_email: 'known@example.test' });
    expect((await d(readerCandidate(post.id, { authorEmail: 'known@example.test' }))).action).toBe('approve');
    expect(await d(readerCandidate(post.id, { authorEmail: 'known@example.test', content: 'about Crypto' }))).toMatchObject({ action: 'hold', reason: expect.stringContaining('crypto') });
  });

  it('holds at comment_max_links or more links, counting bare URLs; 0 turns it off', async () => {
    await makeComment(t.ctx, post.id, { status: 'approved', author_email: 'links@example.test' });
    const two = '<a href="http://x.example">x</a> and http://y.example/z';
    expect(await d(readerCandidate(post.id, { authorEmail: 'links@example.test', content: two }))).toMatchObject({ action: 'hold', reason: expect.stringContaining('2 links') });
    expect((await d(readerCandidate(post.id, { authorEmail: 'links@example.test', content: 'just http://y.example' }))).action).toBe('approve');
    await saveSettings(t.ctx.db, { comment_max_links: 0 });
    expect((await d(readerCandidate(post.id, { authorEmail: 'links@example.test', content: two }))).action).toBe('approve');
  });
});

describe('order: the earlier rule wins each conflict', () => {
  it('closed beats trusted; blocked beats duplicate; flood beats disallowed; links beat the post’s author', async () => {
    await saveSettings(t.ctx.db, { trusted_source_hosts: ['pal.example'] });
    const closed = await makePost(t.ctx, author.id, { ping_status: 'closed' });
    expect(await d(pingCandidate(closed.id, 'http://pal.example/a'), closed)).toMatchObject({ action: 'refuse', httpStatus: 403, reason: expect.stringContaining('closed') });

    const dup = pingCandidate(post.id, 'http://twice.example/a');
    await submitComment(t.ctx, post, dup, linkbackFields(dup.sourceUrl!));
    await saveSettings(t.ctx.db, { blocked_source_hosts: ['twice.example'] });
    expect(await d(dup)).toMatchObject({ httpStatus: 403, reason: expect.stringContaining('blocked') });

    await saveSettings(t.ctx.db, { disallowed_keys: ['casino'] });
    t.clock.advance(60_000);
    await submitComment(t.ctx, post, readerCandidate(post.id, { ip: '198.51.100.77' }));
    expect(await d(readerCandidate(post.id, { ip: '198.51.100.77', content: 'casino' }))).toMatchObject({ httpStatus: 429 });

    expect(await d(readerCandidate(post.id, { userId: author.id, content: '<a href="http://a.example">a</a> <a href="http://b.example">b</a>' }))).toMatchObject({ action: 'hold', reason: expect.stringContaining('links') });
  });
});

describe('approvals', () => {
  it('previously approved: by email for comments, by source host for linkbacks; off means hold', async () => {
    await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'approved', author_email: '', source_url: 'https://known.example/old', ip: '192.0.2.1' });
    expect(await d(pingCandidate(post.id, 'http://known.example/new'))).toMatchObject({ action: 'approve', reason: expect.stringContaining('known.example') });
    expect((await d(pingCandidate(post.id, 'http://unknown.example/new'))).action).toBe('hold');
    await saveSettings(t.ctx.db, { comment_previously_approved: false });
    expect((await d(pingCandidate(post.id, 'http://known.example/new'))).action).toBe('hold');
  });

  it('a reader cannot approve itself through linkback rules: no email, or a trusted author URL, is not enough', async () => {
    await saveSettings(t.ctx.db, { require_name_email: false, trusted_source_hosts: ['friend.example'] });
    await makeComment(t.ctx, post.id, { kind: 'webmention', status: 'approved', author_email: '', source_url: 'http://friend.example/p' });
    expect((await d(readerCandidate(post.id, { authorEmail: '' }))).action).toBe('hold');
    expect((await d(readerCandidate(post.id, { authorUrl: 'http://friend.example/me', sourceUrl: 'http://friend.example/me' }))).action).toBe('hold');
  });

  it('an unverified linkback from a trusted host is held', async () => {
    await saveSettings(t.ctx.db, { trusted_source_hosts: ['friend.example'] });
    expect((await d(pingCandidate(post.id, 'http://friend.example/u', { kind: 'trackback', verified: false }))).action).toBe('hold');
  });

  it('approves the post’s author signed in, not another author', async () => {
    const other = await createUser(t.ctx, 'author');
    expect(await d(readerCandidate(post.id, { userId: author.id }))).toMatchObject({ action: 'approve', reason: expect.stringContaining('author') });
    expect((await d(readerCandidate(post.id, { userId: other.id }))).action).toBe('hold');
  });

  it('records the decision and its reason on the comment and in its history', async () => {
    await saveSettings(t.ctx.db, { moderation_keys: ['hmm'] });
    const r = await submitComment(t.ctx, post, readerCandidate(post.id, { content: 'hmm, well' }));
    if (!r.ok) throw new Error('refused');
    expect(r.comment).toMatchObject({ status: 'pending', moderation_reason: expect.stringContaining('hmm') });
    const events = await t.ctx.db.selectFrom('comment_events').selectAll().where('comment_id', '=', r.comment.id).execute();
    expect(events).toEqual([expect.objectContaining({ event: 'rules:hold', detail: expect.stringContaining('hmm') })]);
  });
});
