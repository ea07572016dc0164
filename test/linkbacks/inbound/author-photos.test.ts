// Linkback authors' photos and author pages (issue 19): sources in Bridgy and IndieWeb markup served on
// 127.0.0.1 and received by Webmention; the author's photo is fetched once per URL by a job, cut to 64 and
// 128 px WebP squares, served from our own origin and shown instead of the drawn face; a photo that cannot be
// had (404, too big, not an image, a private address with the guard on) leaves the drawn face; an entry that
// names its author by URL only gets the name and photo of that page's representative h-card; a reply to the
// post itself is listed among the comments, not under Mentions.
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { addComment } from '../../support/comment-factory.js';
import { permalinkPath } from '../../../src/posts/permalink.js';
import { defaultSettings } from '../../../src/settings/definitions.js';
import { photoHash } from '../../../src/comments/author-photo-repository.js';
import { queueAuthorPhoto } from '../../../src/linkbacks/inbound/author-jobs.js';
import { commentsOf, freshIp, permalink, publishedPost } from './helpers.js';
import { mf2Fixture } from './mf2-fixtures.js';
import type { Post } from '../../../src/db/schema.js';
import { saveSettings } from '../../../src/settings/repository.js';

/** A real JPEG, wider than tall, so the square crop is visible in the result's dimensions. */
const photo = (width = 300, height = 200) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg().toBuffer();

describe('linkback authors’ photos and author pages', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(() => t.clock.advance(120_000));

  async function webmention(source: string, target: string) {
    const res = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ source, target }).toString(), remoteAddress: freshIp() });
    expect(res.statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
  }
  const approveAll = (post: Post) => t.ctx.db.updateTable('comments').set({ status: 'approved' }).where('post_id', '=', post.id).execute();
  const postPage = async (post: Post) => {
    const res = await t.app.inject({ url: permalinkPath(post, defaultSettings) });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const photoRow = (url: string) => t.ctx.db.selectFrom('author_photos').selectAll().where('url_hash', '=', photoHash(url)).executeTakeFirst();

  it('fetches a like’s author photo once, serves 64 and 128 px WebP squares from our origin and shows them in the facepile', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/avatars/dana.jpg', { body: await photo(), headers: { 'content-type': 'image/jpeg' } });
    peer.route('/like/1', { body: mf2Fixture('bridgy-like-local-photo.html', { target, photo: '/avatars/dana.jpg' }) });
    // The same person liking twice (two Bridgy pages, one photo): one fetch.
    peer.route('/like/2', { body: mf2Fixture('bridgy-like-local-photo.html', { target, photo: '/avatars/dana.jpg' }).replace('favorited-by-7', 'favorited-by-8') });
    await webmention(`${peer.url}/like/1`, target);
    await webmention(`${peer.url}/like/2`, target);
    const photoUrl = `${peer.url}/avatars/dana.jpg`;
    expect(peer.received('GET', '/avatars/dana.jpg')).toHaveLength(1);
    expect(await photoRow(photoUrl)).toMatchObject({ state: 'fetched', note: null });

    const hash = photoHash(photoUrl);
    for (const size of [64, 128]) {
      const res = await t.app.inject({ url: `/avatars/${hash}-${size}.webp` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/webp');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(await sharp(res.rawPayload).metadata()).toMatchObject({ format: 'webp', width: size, height: size });
    }
    expect((await t.app.inject({ url: `/avatars/${hash}-32.webp` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/avatars/${'0'.repeat(64)}-64.webp` })).statusCode).toBe(404);

    await approveAll(post);
    const html = await postPage(post);
    const faces = [...html.matchAll(/<li class="face">.*?<img class="avatar" src="([^"]*)"(?: srcset="([^"]*)")?/g)];
    expect(faces).toHaveLength(2);
    for (const [, src, srcset] of faces) {
      expect(src).toBe(`/avatars/${hash}-64.webp`);
      expect(srcset).toBe(`/avatars/${hash}-64.webp 1x, /avatars/${hash}-128.webp 2x`);
    }
    // Never the author's own address of the photo.
    expect(html).not.toContain('dana.jpg');
    // A later like naming the same photo queues nothing: it was fetched.
    await queueAuthorPhoto(t.ctx, photoUrl);
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('type', '=', 'linkbacks.author-photo').where('status', '=', 'queued').execute()).toHaveLength(0);
  });

  const failures: [string, () => Promise<{ status?: number; headers?: Record<string, string>; body?: string | Buffer }>, RegExp][] = [
    ['a 404', async () => ({ status: 404, body: 'gone' }), /HTTP 404/],
    ['a photo over the byte cap', async () => ({ headers: { 'content-type': 'image/jpeg' }, body: Buffer.concat([await photo(), Buffer.alloc(2 * 1024 * 1024)]) }), /too_large/],
    ['an HTML page', async () => ({ headers: { 'content-type': 'text/html' }, body: '<p>not a picture</p>' }), /not a raster image/],
    ['an SVG', async () => ({ headers: { 'content-type': 'image/svg+xml' }, body: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' }), /not a raster image/],
    ['bytes that only claim to be a JPEG', async () => ({ headers: { 'content-type': 'image/jpeg' }, body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]) }), /unreadable image/],
  ];
  for (const [what, reply, note] of failures) {
    it(`keeps the drawn face, without an error, when the photo is ${what}`, async () => {
      const post = await publishedPost(t.ctx);
      const target = permalink(t.ctx, post);
      const path = `/bad/${photoHash(what).slice(0, 8)}.jpg`;
      peer.route(path, await reply());
      peer.route(`/like${path}`, { body: mf2Fixture('bridgy-like-local-photo.html', { target, photo: path }) });
      await webmention(`${peer.url}/like${path}`, target);
      expect(await photoRow(`${peer.url}${path}`)).toMatchObject({ state: 'failed', key_64: null, note: expect.stringMatching(note) });
      expect(await t.ctx.db.selectFrom('jobs').select(['type', 'status']).where('type', '=', 'linkbacks.author-photo').where('status', '!=', 'done').execute()).toEqual([]);
      await approveAll(post);
      const html = await postPage(post);
      expect(html).toMatch(/<li class="face">.*?<img class="avatar" src="data:image\/svg\+xml,/);
      expect(html).not.toContain('/avatars/');
    });
  }

  it('reads the name and photo of an author named by URL only from the author page’s representative h-card, once', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/about', { body: mf2Fixture('author-page-uid.html', { target }) });
    peer.route('/erin.png', { body: await sharp({ create: { width: 90, height: 120, channels: 4, background: '#3366cc' } }).png().toBuffer(), headers: { 'content-type': 'image/png' } });
    peer.route('/notes/42', { body: mf2Fixture('reply-author-url-only.html', { target }) });
    // The author page is fetched in the job, after the sender was answered.
    const res = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ source: `${peer.url}/notes/42`, target }).toString(), remoteAddress: freshIp() });
    expect(res.statusCode).toBe(201);
    expect(peer.received('GET', '/about')).toHaveLength(0);
    await t.app.worker.runUntilIdle();
    expect(peer.received('GET', '/about')).toHaveLength(1);
    const [c] = await commentsOf(t.ctx, post.id);
    expect(c).toMatchObject({ mention_type: 'reply', author_name: 'Erin Example', mention_author_name: 'Erin Example', mention_author_url: `${peer.url}/about`, mention_author_photo: `${peer.url}/erin.png` });
    expect(await photoRow(`${peer.url}/erin.png`)).toMatchObject({ state: 'fetched' });
    const hash = photoHash(`${peer.url}/erin.png`);
    expect(await sharp((await t.app.inject({ url: `/avatars/${hash}-128.webp` })).rawPayload).metadata()).toMatchObject({ width: 128, height: 128 });

    await approveAll(post);
    const html = await postPage(post);
    const entry = html.match(/<li class="comment depth-1 comment-linkback" id="comment-\d+">[\s\S]*?<\/li>/)?.[0] ?? '';
    expect(entry).toContain('Erin Example');
    expect(entry).toContain(`src="/avatars/${hash}-64.webp"`);
  });

  it('reads a rel=author page whose h-card is one of its rel=me profiles; a page without one keeps the host as the name', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/me', { body: mf2Fixture('author-page-rel-me.html', { target }).replace('https://social.example/@gus', `${peer.url}/@gus`).replace('https://social.example/@gus', `${peer.url}/@gus`) });
    peer.route('/gus.jpg', { body: await photo(100, 100), headers: { 'content-type': 'image/jpeg' } });
    peer.route('/re/1', { body: mf2Fixture('reply-rel-author.html', { target }) });
    await webmention(`${peer.url}/re/1`, target);
    const [gus] = await commentsOf(t.ctx, post.id);
    expect(gus).toMatchObject({ mention_author_name: 'Gus Example', mention_author_photo: `${peer.url}/gus.jpg` });

    const other = await publishedPost(t.ctx);
    const otherTarget = permalink(t.ctx, other);
    peer.route('/re/2', { body: mf2Fixture('reply-rel-author.html', { target: otherTarget }).replace('href="/me"', 'href="/nobody"') });
    peer.route('/nobody', { body: '<p>No microformats here.</p>' });
    await webmention(`${peer.url}/re/2`, otherTarget);
    const [plain] = await commentsOf(t.ctx, other.id);
    expect(plain).toMatchObject({ mention_author_name: '127.0.0.1', mention_author_photo: null });
  });

  it('lists a reply to the post among the comments in date order, with its author, photo, content, date and source, not under Mentions', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    const before = await addComment(t.ctx, post, { status: 'approved', author: 'Rita Reader', content: 'Before the reply.' });
    t.clock.advance(60_000);
    peer.route('/images/ann.jpg', { body: await photo(), headers: { 'content-type': 'image/jpeg' } });
    peer.route('/2026/11/re-linkbacks', { body: mf2Fixture('reply-with-hcard.html', { target }) });
    await webmention(`${peer.url}/2026/11/re-linkbacks`, target);
    t.clock.advance(60_000);
    const after = await addComment(t.ctx, post, { status: 'approved', author: 'Sam Reader', content: 'After the reply.' });
    await approveAll(post);
    const html = await postPage(post);
    const [reply] = await commentsOf(t.ctx, post.id).then((rows) => rows.filter((r) => r.kind === 'webmention'));
    const order = [before.id, reply.id, after.id].map((id) => html.indexOf(`id="comment-${id}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const entry = html.match(new RegExp(`<li class="comment depth-1 comment-linkback" id="comment-${reply.id}">[\\s\\S]*?</article>`))?.[0] ?? '';
    expect(entry).toContain('Ann Example');
    expect(entry).toContain(`src="/avatars/${photoHash(`${peer.url}/images/ann.jpg`)}-64.webp"`);
    expect(entry).toContain('<strong>Webmention</strong>');
    expect(entry).toContain('datetime="2026-11-29T08:30:00.000Z"');
    expect(entry).toContain(`href="${peer.url}/2026/11/re-linkbacks"`);
    expect(html).toContain('<h2 id="comments-title">3 comments</h2>');
    expect(html).not.toContain('id="mentions"');
  });

  it('puts each reply to the post on the one comment page whose readers’ comments span its date', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    const reply = async (n: number) => {
      peer.route(`/paged/${n}`, { body: mf2Fixture('reply-with-hcard.html', { target }).replace('Ann Example', `Ann ${n}`) });
      await webmention(`${peer.url}/paged/${n}`, target);
      t.clock.advance(60_000);
    };
    const reader = async (name: string) => {
      await addComment(t.ctx, post, { status: 'approved', author: name, content: 'A reader.' });
      t.clock.advance(60_000);
    };
    await reply(0);
    await reader('A');
    await reply(1);
    await reader('B');
    await reader('C');
    await reply(2);
    await approveAll(post);
    await saveSettings(t.ctx.db, { comments_per_page: 1, default_comments_page: 'oldest' });
    try {
      const base = permalinkPath(post, defaultSettings);
      const names = async (url: string) => [...(await t.app.inject({ url })).body.matchAll(/class="comment-author[^"]*" id="comment-author-\d+"[^>]*>([^<]*)</g)].map((m) => m[1]);
      expect(await names(base)).toEqual(['Ann 0', 'A', 'Ann 1']);
      expect(await names(`${base}comment-page-2/`)).toEqual(['B']);
      expect(await names(`${base}comment-page-3/`)).toEqual(['C', 'Ann 2']);
    } finally {
      await saveSettings(t.ctx.db, { comments_per_page: 50, default_comments_page: 'newest' });
    }
  });
});

describe('author photos with the outbound guard on', () => {
  let t: TestApp;
  let peer: Peer;
  beforeAll(async () => {
    t = await createTestApp({ outboundAllowPrivate: false });
    peer = await startPeer({ '/face.jpg': { body: 'x', headers: { 'content-type': 'image/jpeg' } } });
  });
  it('never fetches a photo on a private address: recorded as failed, the drawn face stays', async () => {
    for (const url of [`${peer.url}/face.jpg`, `http://127.1:${new URL(peer.url).port}/face.jpg`]) {
      await queueAuthorPhoto(t.ctx, url);
      await t.app.worker.runUntilIdle();
      expect(await t.ctx.db.selectFrom('author_photos').selectAll().where('url_hash', '=', photoHash(url)).executeTakeFirst()).toMatchObject({ state: 'failed', note: expect.stringMatching(/^blocked/) });
    }
    expect(peer.requests).toHaveLength(0);
    await peer.stop();
    await t.close();
  });
});
