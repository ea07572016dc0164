// WebSub (issue 19 point 5) end to end: a hub on 127.0.0.1 hears one publish notification per published post
// (and one per burst of edits, after the debounce), through the durable queue, shown in the delivery log;
// the main feeds advertise rel="hub" and rel="self"; no hub configured, nothing is sent or advertised.
import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../src/db/schema.js';
import { createPost, updatePost } from '../../../src/posts/service.js';
import { deliveriesOfPost } from '../../../src/linkbacks/outbound/repository.js';
import { HUB_DEBOUNCE_MS } from '../../../src/linkbacks/outbound/scan.js';
import type { TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { useBlogWithPeers } from './peers.js';
import { signIn } from '../../support/session.js';

const blog = useBlogWithPeers();
let t: TestApp;
let author: User;
beforeAll(() => ({ t, author } = blog));

async function hubPeer(status = 204): Promise<Peer> {
  return blog.keep(await startPeer({ 'POST /hub': { status } }));
}
const notifications = (hub: Peer) => hub.received('POST', '/hub').map((r) => new URLSearchParams(r.body).getAll('hub.url').join(' ') + ' ' + new URLSearchParams(r.body).get('hub.mode'));

async function publish(title: string) {
  const r = await createPost(t.ctx, author, { title, content: '<p>No links here.</p>', status: 'published' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.post;
}
async function settle() {
  await t.app.worker.runUntilIdle();
  t.clock.advance(HUB_DEBOUNCE_MS);
  await t.app.worker.runUntilIdle();
}

describe('WebSub', () => {
  it('sends and advertises nothing while no hub is configured', async () => {
    const post = await publish('Quiet');
    await settle();
    expect(await deliveriesOfPost(t.ctx.db, post.id, 'hub')).toEqual([]);
    const feed = await t.app.inject({ url: '/feed/' });
    expect(feed.body).not.toContain('rel="hub"');
    expect(feed.headers.link).toBeUndefined();
  });

  it('notifies each hub once per published post, and once per burst of edits, in the delivery log', async () => {
    const hub = await hubPeer();
    await saveSettings(t.ctx.db, { websub_hubs: [`${hub.url}/hub`] });
    const first = await publish('First');
    const second = await publish('Second');
    await t.app.worker.runUntilIdle();
    expect(notifications(hub)).toEqual([]); // held back for the debounce
    t.clock.advance(HUB_DEBOUNCE_MS);
    await t.app.worker.runUntilIdle();
    expect(notifications(hub)).toEqual(Array(2).fill('http://blog.test/feed/ http://blog.test/feed/atom/ publish'));
    expect(hub.received('POST', '/hub')[0].headers['content-type']).toContain('application/x-www-form-urlencoded');
    const [row] = await deliveriesOfPost(t.ctx.db, first.id, 'hub');
    expect(row).toMatchObject({ kind: 'hub', target_url: `${hub.url}/hub`, state: 'sent', protocol: 'websub' });
    expect((await deliveriesOfPost(t.ctx.db, second.id, 'hub'))).toHaveLength(1);

    // Three edits in a row: the scan job and the hub's send are each deduplicated while they wait.
    for (const title of ['First, edited', 'First, edited again', 'First, final']) {
      const r = await updatePost(t.ctx, author, first.id, { title, content: '<p>Changed.</p>', status: 'published' });
      expect(r.ok).toBe(true);
      await t.app.worker.runUntilIdle();
    }
    t.clock.advance(HUB_DEBOUNCE_MS);
    await t.app.worker.runUntilIdle();
    expect(notifications(hub)).toHaveLength(3);
    expect(await deliveriesOfPost(t.ctx.db, first.id, 'hub')).toHaveLength(1);

    // The author's delivery log lists the hub with what it answered.
    const log = await t.app.inject({ url: `/admin/posts/${first.id}/deliveries`, headers: (await signIn(t, author)).headers });
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('WebSub hub:');
    expect(log.body).toContain(`${hub.url}/hub`);
    await saveSettings(t.ctx.db, { websub_hubs: [] });
  });

  it('retries a hub that answers 503 and marks a 4xx failed', async () => {
    const busy = await startPeer();
    blog.keep(busy);
    let n = 0;
    busy.route('POST /hub', () => (++n === 1 ? { status: 503 } : { status: 202 }));
    const refusing = await hubPeer(400);
    await saveSettings(t.ctx.db, { websub_hubs: [`${busy.url}/hub`, `${refusing.url}/hub`] });
    const post = await publish('Hub trouble');
    await settle();
    for (let i = 0; i < 5 && n < 2; i++) {
      t.clock.advance(3_600_000);
      await t.app.worker.runUntilIdle();
    }
    const rows = await deliveriesOfPost(t.ctx.db, post.id, 'hub');
    expect(rows.map((r) => [r.target_url, r.state])).toEqual([
      [`${busy.url}/hub`, 'sent'],
      [`${refusing.url}/hub`, 'failed'],
    ]);
    await saveSettings(t.ctx.db, { websub_hubs: [] });
  });

  it('advertises the hubs and the feed itself in the main RSS and Atom feeds and their Link headers', async () => {
    await saveSettings(t.ctx.db, { websub_hubs: ['https://hub.example/', 'https://hub2.example/publish'] });
    const rss = await t.app.inject({ url: '/feed/' });
    expect(rss.body).toContain('<atom:link href="http://blog.test/feed/" rel="self" type="application/rss+xml"/>');
    expect(rss.body).toContain('<atom:link href="https://hub.example/" rel="hub"/>');
    expect(rss.body).toContain('<atom:link href="https://hub2.example/publish" rel="hub"/>');
    expect(rss.headers.link).toBe('<https://hub.example/>; rel="hub", <https://hub2.example/publish>; rel="hub", <http://blog.test/feed/>; rel="self"');
    const atom = await t.app.inject({ url: '/feed/atom/' });
    expect(atom.body).toContain('<link rel="hub" href="https://hub.example/"/>');
    expect(atom.headers.link).toContain('<http://blog.test/feed/atom/>; rel="self"');
    await saveSettings(t.ctx.db, { websub_hubs: [] });
  });
});
