// POST /webmention (WM §3.2): each synchronous 400, 201 with a status page, verification in the job, update
// and delete of a stored mention (§3.2.4), the per-IP limit and the body cap.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/app.js';
import type { Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { commentsOf, eventsOf, fixture, freshIp, permalink, publishedPost } from './helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Webmention receiver', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(() => t.clock.advance(120_000));

  const send = (body: string, ip = freshIp(), headers: Record<string, string> = FORM) =>
    t.app.inject({ method: 'POST', url: '/webmention', headers, payload: body, remoteAddress: ip });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  it('answers 400 with a plain reason for each request it can judge at once', async () => {
    const post = await publishedPost(t.ctx);
    const closed = await publishedPost(t.ctx, { ping_status: 'closed' });
    const target = permalink(t.ctx, post);
    const source = `${peer.url}/post`;
    const cases: Array<[string, string, RegExp]> = [
      [form({ target }), 'missing source', /source parameter is missing/],
      [form({ source }), 'missing target', /target parameter is missing/],
      [form({ source: 'jwoijgoisdjlskjegisvjowuehjtkx', target }), 'source not a URL', /source must be an absolute http/],
      [form({ source, target: 'owiejduvyeiwljjjcjmvbpsouehgd' }), 'target not a URL', /target must be an absolute http/],
      [form({ source: 'mailto:x@example.com', target }), 'mailto source', /source must be/],
      [form({ source: 'javascript:alert(1)', target }), 'javascript source', /source must be/],
      [form({ source: 'ftp://example.com/x', target }), 'ftp source', /source must be/],
      [form({ source: target, target: `${target}#frag` }), 'source = target', /same page/],
      [form({ source, target: 'https://elsewhere.example/2026/01/15/x/' }), 'foreign target', /not on this site/],
      [form({ source, target: 'http://blog.test/' }), 'home page', /not a post/],
      [form({ source, target: 'http://blog.test/2026/01/15/nothing/' }), 'no such post', /no published post/],
      [form({ source, target: permalink(t.ctx, closed) }), 'pings closed', /does not take linkbacks/],
      [`source=${encodeURIComponent(source)}&source=${encodeURIComponent(source)}2&target=${encodeURIComponent(target)}`, 'repeated source', /once each/],
    ];
    for (const [body, label, reason] of cases) {
      const res = await send(body);
      expect(res.statusCode, label).toBe(400);
      expect(res.headers['content-type'], label).toContain('text/plain');
      expect(res.body, label).toMatch(reason);
    }
    const json = await send(JSON.stringify({ source, target }), freshIp(), { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(peer.requests).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('type', '=', 'linkbacks.verify_webmention').execute()).toHaveLength(0);
  });

  it('accepts with 201 and a status page, then verifies in the job into one pending comment', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/reply', { body: fixture('h-entry.html', target) });
    const res = await send(form({ source: `${peer.url}/reply`, target }), '198.51.100.20');
    expect(res.statusCode).toBe(201);
    const location = String(res.headers.location);
    expect(location).toMatch(/^http:\/\/blog\.test\/webmention\/[A-Za-z0-9_-]{20,}$/);
    expect(peer.received('GET', '/reply')).toHaveLength(0); // nothing fetched before answering
    const job = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.verify_webmention').executeTakeFirstOrThrow();
    expect(job.host).toBe('127.0.0.1');

    const statusPath = new URL(location).pathname;
    const queued = await t.app.inject({ url: statusPath });
    expect(queued.statusCode).toBe(200);
    expect(queued.body).toContain('Queued');

    await t.app.worker.runUntilIdle();
    const [c] = await commentsOf(t.ctx, post.id);
    expect(c).toMatchObject({ kind: 'webmention', status: 'pending', title: 'A reply about linkbacks', source_url: `${peer.url}/reply`, ip: '198.51.100.20', verification_state: 'verified' });
    expect(peer.received('GET', '/reply')[0].headers['x-pingback-forwarded-for']).toBe('198.51.100.20');
    const verified = await t.app.inject({ url: statusPath });
    expect(verified.body).toContain('waiting for moderation');
    expect((await t.app.inject({ url: '/webmention/not-a-real-token-at-all' })).statusCode).toBe(404);
  });

  it('shows a failed verification with its reason and stores nothing', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/unlinked', { body: fixture('no-link.html', target) });
    const res = await send(form({ source: `${peer.url}/unlinked`, target }));
    expect(res.statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(0);
    const page = await t.app.inject({ url: new URL(String(res.headers.location)).pathname });
    expect(page.body).toContain('Failed');
    expect(page.body).toContain('does not link to the target');
  });

  it('updates the stored mention when sent again, and trashes it with the reason when the source is gone', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    let page = fixture('title-only.html', target);
    let status = 200;
    peer.route('/evolving', () => ({ status, body: page }));
    const mention = () => send(form({ source: `${peer.url}/evolving`, target }));

    expect((await mention()).statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
    const [first] = await commentsOf(t.ctx, post.id);
    expect(first.title).toBe('Just a title');

    page = fixture('og-only.html', target);
    t.clock.advance(60_000);
    expect((await mention()).statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
    const afterUpdate = await commentsOf(t.ctx, post.id);
    expect(afterUpdate).toHaveLength(1);
    expect(afterUpdate[0]).toMatchObject({ id: first.id, title: 'The OG title', status: 'pending', verification_state: 'verified' });
    expect(afterUpdate[0].excerpt).toContain('see here');
    expect((await eventsOf(t.ctx, first.id)).map((e) => e.event)).toContain('webmention:updated');

    status = 410;
    page = '<p>Deleted</p>';
    t.clock.advance(60_000);
    expect((await mention()).statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
    const [gone] = await commentsOf(t.ctx, post.id);
    expect(gone).toMatchObject({ id: first.id, status: 'trash', status_before_trash: 'pending', verification_state: 'gone' });
    expect(gone.verification_note).toContain('410');
    expect((await eventsOf(t.ctx, first.id)).map((e) => e.event)).toContain('webmention:removed');

    // The page comes back and is mentioned again: the same comment returns to moderation.
    status = 200;
    page = fixture('h-entry.html', target);
    t.clock.advance(60_000);
    expect((await mention()).statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
    const back = await commentsOf(t.ctx, post.id);
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ id: first.id, status: 'pending', verification_state: 'verified', title: 'A reply about linkbacks' });
  });

  it('trashes a stored mention whose source no longer links', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    let page = fixture('h-entry.html', target);
    peer.route('/unlinking', () => ({ body: page }));
    await send(form({ source: `${peer.url}/unlinking`, target }));
    await t.app.worker.runUntilIdle();
    page = fixture('no-link.html', target);
    t.clock.advance(60_000);
    await send(form({ source: `${peer.url}/unlinking`, target }));
    await t.app.worker.runUntilIdle();
    const [c] = await commentsOf(t.ctx, post.id);
    expect(c).toMatchObject({ status: 'trash', verification_state: 'gone' });
    expect(c.verification_note).toContain('no longer links');
  });

  it('retries a source that answers 503, and fails after the last attempt', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/flaky', { status: 503, body: 'busy' });
    const res = await send(form({ source: `${peer.url}/flaky`, target }));
    await t.app.worker.runUntilIdle();
    const job = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.verify_webmention').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(job.status).toBe('queued');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(3 * 3_600_000);
      await t.app.worker.runUntilIdle();
    }
    const page = await t.app.inject({ url: new URL(String(res.headers.location)).pathname });
    expect(page.body).toContain('HTTP 503');
    expect(peer.received('GET', '/flaky')).toHaveLength(4);
  });

  it('rate-limits a flood from one IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) statuses.push((await send(form({ source: `https://s${i}.example/`, target: 'http://blog.test/' }), '198.51.100.66')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429]);
    const limited = await send(form({ source: 'https://x.example/', target: 'http://blog.test/' }), '198.51.100.66');
    expect(limited.headers['retry-after']).toBe('60');
    expect((await send(form({ source: 'https://x.example/', target: 'http://blog.test/' }), '198.51.100.67')).statusCode).toBe(400);
  });

  it('refuses a 10 MB body with 413 and keeps answering', async () => {
    const big = `source=${'a'.repeat(10 * 1024 * 1024)}&target=x`;
    const res = await send(big);
    expect(res.statusCode).toBe(413);
    const json = await send(JSON.stringify({ source: 'x'.repeat(100 * 1024) }), freshIp(), { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(413);
    const after = await send(form({ target: 'http://blog.test/' }));
    expect(after.statusCode).toBe(400);
  });
});
