// Deletes, outbound (issue 19 point 3, WM §3.1.5), end to end: the blog listens on 127.0.0.1 and the
// receivers are real Webmention receivers there too, each fetching the source it is told of, as a receiver
// verifies. A trashed post answers 410 with a tombstone; after the delay every target told of it by
// Webmention hears again and finds it gone; Pingback-only targets are logged as not told; targets never
// notified and imported posts send nothing; publishing it again re-sends; the delivery log shows it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post, User } from '../../../src/db/schema.js';
import { createPost, restorePost, trashPost, updatePost } from '../../../src/posts/service.js';
import { findPostBySlug } from '../../../src/posts/repository.js';
import { deliveriesOfPost } from '../../../src/linkbacks/outbound/repository.js';
import { sendDeleteNotices } from '../../../src/linkbacks/outbound/delete-notice.js';
import { retryDeliveryNow } from '../../../src/linkbacks/outbound/actions.js';
import { DELETE_NOTICE_DELAY_MS } from '../../../src/jobs/job-types.js';
import { loadSettings, saveSettings } from '../../../src/settings/repository.js';
import { permalinkUrl } from '../../../src/posts/permalink.js';
import { createTestApp, createUser, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { signIn } from '../../support/session.js';
import { importText } from '../../import/helpers.js';
import { wxrFile, wxrItem } from '../../import/wxr-builder.js';
import { pingbackPeer, posts, silentPeer } from './peers.js';
import { rpcOk } from '../../xmlrpc/client.js';

let t: TestApp;
let author: User & { password: string };
let base: string;
const peers: Peer[] = [];

beforeAll(async () => {
  t = await createTestApp();
  base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  await saveSettings(t.ctx.db, { site_url: base });
  author = await createUser(t.ctx, 'admin');
});
afterAll(async () => {
  await Promise.all(peers.map((p) => p.stop()));
  await t?.close();
});

interface Heard {
  source: string;
  target: string;
  /** What the receiver got when it fetched the source, as a receiver verifying the Webmention does. */
  sourceStatus: number;
  sourceBody: string;
}

/** A blog that advertises Webmention on GET /post and, told of a mention, fetches the source over HTTP. */
async function receiver(): Promise<Peer & { heard: Heard[] }> {
  const peer = (await startPeer()) as Peer & { heard: Heard[] };
  peer.heard = [];
  peers.push(peer);
  peer.route('GET /post', { headers: { link: '</webmention>; rel="webmention"' }, body: '<!doctype html><title>Remote</title><p>A page.</p>' });
  peer.route('POST /webmention', async (req) => {
    const { source, target } = Object.fromEntries(new URLSearchParams(req.body));
    const page = await fetch(source!, { redirect: 'manual' });
    peer.heard.push({ source: source!, target: target!, sourceStatus: page.status, sourceBody: await page.text() });
    return { status: 202, body: 'Accepted' };
  });
  return peer;
}

const keep = <P extends Peer>(p: P): P => (peers.push(p), p);
const linksTo = (...urls: string[]) => urls.map((u, i) => `<p>See <a href="${u}">link ${i}</a>.</p>`).join('\n');

async function publish(title: string, content: string): Promise<Post> {
  const r = await createPost(t.ctx, author, { title, content, status: 'published' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.post;
}

async function republish(post: Post): Promise<void> {
  const r = await updatePost(t.ctx, author, post.id, { title: post.title, content: post.content, status: 'published' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

async function trash(post: Post): Promise<void> {
  const r = await trashPost(t.ctx, author, post.id);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

/** Runs everything due now, then everything due once the delete notice's delay has passed. */
async function afterTheDelay(): Promise<void> {
  await t.app.worker.runUntilIdle();
  t.clock.advance(DELETE_NOTICE_DELAY_MS);
  await t.app.worker.runUntilIdle();
}

const permalinkOf = async (post: Post) => `${base}${new URL((await t.app.inject({ url: `/?p=${post.id}` })).headers.location as string, base).pathname}`;

describe('a trashed post, outbound', () => {
  it('answers 410 with a tombstone and re-sends the Webmention to each target told of it, and no one else', async () => {
    const [wm, pb, none] = [await receiver(), keep(await pingbackPeer()), keep(await silentPeer())];
    const post = await publish('Soon gone', linksTo(`${wm.url}/post`, `${pb.url}/post`, `${none.url}/post`));
    await t.app.worker.runUntilIdle();
    const source = await permalinkOf(post);
    expect(wm.heard).toEqual([{ source, target: `${wm.url}/post`, sourceStatus: 200, sourceBody: expect.stringContaining('Soon gone') }]);
    expect(posts(pb, '/xmlrpc')).toBe(1);
    const noneBefore = none.requests.length;

    await trash(post);
    // The permalink is gone at once (the cached page of a moment ago is not served), with a tombstone.
    const gone = await fetch(source);
    expect(gone.status).toBe(410);
    const tombstone = await gone.text();
    expect(tombstone).toContain('This post was deleted');
    expect(tombstone).not.toContain('Soon gone');
    expect(tombstone).not.toContain(`${wm.url}/post`);
    expect((await fetch(source.replace(/\/$/, ''), { redirect: 'manual' })).status).toBe(410);
    // Nothing is sent before the delay: an undone trash would tell no one.
    await t.app.worker.runUntilIdle();
    expect(wm.heard).toHaveLength(1);

    t.clock.advance(DELETE_NOTICE_DELAY_MS);
    await t.app.worker.runUntilIdle();
    expect(wm.heard).toHaveLength(2);
    expect(wm.heard[1]).toMatchObject({ source, target: `${wm.url}/post`, sourceStatus: 410 });
    // Pingback has no delete, and the page that advertised nothing was never told: neither hears anything.
    expect(posts(pb, '/xmlrpc')).toBe(1);
    expect(none.requests.length).toBe(noneBefore);

    const notices = await deliveriesOfPost(t.ctx.db, post.id, 'delete');
    expect(notices.map((d) => [d.target_url, d.state, d.protocol, d.skip_reason])).toEqual([
      [`${wm.url}/post`, 'sent', 'webmention', null],
      [`${pb.url}/post`, 'skipped', 'pingback', 'no_delete'],
    ]);
    // The link rows keep what was sent when the post was published.
    expect((await deliveriesOfPost(t.ctx.db, post.id, 'link')).map((d) => d.state)).toEqual(['sent', 'sent', 'no_endpoint']);

    // Trashing twice sends once: the service refuses, and the job run again finds every notice standing.
    expect((await trashPost(t.ctx, author, post.id)).ok).toBe(false);
    await sendDeleteNotices(t.ctx, post.id);
    await afterTheDelay();
    expect(wm.heard).toHaveLength(2);

    // The delivery log names the notices.
    const { headers } = await signIn(t, author);
    const log = await t.app.inject({ url: `/admin/deliveries?post=${post.id}`, headers });
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain(`Delete notice:</span> <span class="url">${wm.url}/post`);
    expect(log.body).toContain(`Delete notice:</span> <span class="url">${pb.url}/post`);
    expect(log.body).toContain('Pingback or TrackBack, which have no way to withdraw a ping');
    // A Pingback target's notice cannot be retried: there is nothing Pingback could send.
    const pbNotice = notices[1]!;
    expect(log.body).not.toContain(`/admin/deliveries/${pbNotice.id}/retry`);
    expect(await retryDeliveryNow(t.ctx, author, pbNotice.id)).toMatchObject({ ok: false, status: 409 });
    expect(posts(pb, '/xmlrpc')).toBe(1);
    const fragment = await t.app.inject({ url: `/admin/posts/${post.id}/deliveries`, headers });
    expect(fragment.body).toContain('Delete notice:');

    // Feeds and the sitemap leave it out.
    expect((await t.app.inject({ url: '/feed/' })).body).not.toContain('Soon gone');
    const sitemap = await t.app.inject({ url: '/sitemap-posts-1.xml' });
    expect(sitemap.statusCode).toBe(200);
    expect(sitemap.body).toContain(`${base}/`);
    expect(sitemap.body).not.toContain(source);
  });

  it('sends again when the post is published after a restore, and a second trash sends the delete again', async () => {
    const wm = await receiver();
    const post = await publish('Back again', linksTo(`${wm.url}/post`));
    await t.app.worker.runUntilIdle();
    const source = await permalinkOf(post);
    await trash(post);
    await afterTheDelay();
    expect(wm.heard.map((h) => h.sourceStatus)).toEqual([200, 410]);

    // Restored as a draft: still nothing to read (a draft is 404, not 410), and nothing sent yet.
    expect((await restorePost(t.ctx, author, post.id)).ok).toBe(true);
    expect((await fetch(source)).status).toBe(404);
    await afterTheDelay();
    expect(wm.heard).toHaveLength(2);

    await republish(post);
    await t.app.worker.runUntilIdle();
    expect(wm.heard.map((h) => h.sourceStatus)).toEqual([200, 410, 200]);
    expect(wm.heard[2]!.sourceBody).toContain('Back again');
    const [notice] = await deliveriesOfPost(t.ctx.db, post.id, 'delete');
    expect(notice).toMatchObject({ state: 'sent', present: 0 });
    // An edit afterwards is an ordinary edit: nobody is told again.
    await republish({ ...post, content: post.content + '<p>More.</p>' });
    await afterTheDelay();
    expect(wm.heard).toHaveLength(3);
    const { headers } = await signIn(t, author);
    expect((await t.app.inject({ url: `/admin/posts/${post.id}/deliveries`, headers })).body).toContain('(post published again since)');

    await trash(post);
    await afterTheDelay();
    expect(wm.heard.map((h) => h.sourceStatus)).toEqual([200, 410, 200, 410]);
    expect(await deliveriesOfPost(t.ctx.db, post.id, 'delete')).toHaveLength(1);
  });

  it('tells no one when the trash is undone within the delay', async () => {
    const wm = await receiver();
    const post = await publish('Oops', linksTo(`${wm.url}/post`));
    await t.app.worker.runUntilIdle();
    await trash(post);
    expect((await restorePost(t.ctx, author, post.id)).ok).toBe(true);
    await republish(post);
    await afterTheDelay();
    expect(wm.heard.map((h) => h.sourceStatus)).toEqual([200]);
    expect(await deliveriesOfPost(t.ctx.db, post.id, 'delete')).toEqual([]);
  });

  it('withdraws nothing the blog never sent: a draft, and a post imported with its links', async () => {
    const wm = await receiver();
    const draft = await createPost(t.ctx, author, { title: 'Never out', content: linksTo(`${wm.url}/post`), status: 'draft' });
    if (!draft.ok) throw new Error('draft');
    const report = await importText(t, author, wxrFile([wxrItem({ id: 7, title: 'From the old blog', slug: 'from-the-old-blog', content: linksTo(`${wm.url}/post`) })]));
    expect(report.error).toBeFalsy();
    const imported = (await findPostBySlug(t.ctx.db, 'from-the-old-blog'))!;
    await t.app.worker.runUntilIdle();
    expect((await deliveriesOfPost(t.ctx.db, imported.id, 'link')).map((d) => d.skip_reason)).toEqual(['imported']);
    const importedUrl = await permalinkOf(imported);

    await trash(draft.post);
    await trash(imported);
    await afterTheDelay();
    expect(wm.requests).toEqual([]);
    expect(await deliveriesOfPost(t.ctx.db, imported.id, 'delete')).toEqual([]);
    expect(await deliveriesOfPost(t.ctx.db, draft.post.id, 'delete')).toEqual([]);
    // The imported post was public: its permalink is gone (410); the draft never had one to lose.
    expect((await fetch(importedUrl)).status).toBe(410);
    expect((await t.app.inject({ url: `/${draft.post.slug}/`, headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('does the same for a post deleted over XML-RPC (wp.deletePost, blogger.deletePost)', async () => {
    const wm = await receiver();
    const viaWp = await publish('Deleted by wp.deletePost', linksTo(`${wm.url}/post`));
    const viaBlogger = await publish('Deleted by blogger.deletePost', linksTo(`${wm.url}/post`));
    await t.app.worker.runUntilIdle();
    expect(wm.heard.map((h) => h.sourceStatus)).toEqual([200, 200]);
    expect(await rpcOk(t, 'wp.deletePost', [1, author.username, author.password, viaWp.id])).toBe(true);
    expect(await rpcOk(t, 'blogger.deletePost', ['appkey', String(viaBlogger.id), author.username, author.password, true])).toBe(true);
    await afterTheDelay();
    // The two posts' sends run side by side: compare without their order.
    const byStatus = (status: number) => wm.heard.filter((h) => h.sourceStatus === status).map((h) => h.source).sort();
    const both = [await permalinkAfterTrash(viaWp), await permalinkAfterTrash(viaBlogger)].sort();
    expect(wm.heard).toHaveLength(4);
    expect(byStatus(200)).toEqual(both);
    expect(byStatus(410)).toEqual(both);
    expect(wm.heard.slice(2).every((h) => h.sourceStatus === 410)).toBe(true);
  });
});

/** The address a post had while published (its slug and date are kept in the trash). */
async function permalinkAfterTrash(post: Post): Promise<string> {
  return permalinkUrl(base, post, await loadSettings(t.ctx.db));
}
