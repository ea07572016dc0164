// Importing pings no one (issue 17): a real peer on 127.0.0.1 is linked from an imported post, sent a
// pingback to it on the old blog, and listed as an update service. It must hear nothing during the import,
// after the job queue has run, nor from the re-verification sweep; a link added later by editing is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { startPeer, type Peer } from '../support/peer.js';
import { saveSettings } from '../../src/settings/repository.js';
import { reverifySweep } from '../../src/linkbacks/inbound/reverify.js';
import { updatePost } from '../../src/posts/service.js';
import type { User } from '../../src/db/schema.js';
import { importText } from './helpers.js';
import { wxrComment, wxrFile, wxrItem } from './wxr-builder.js';

describe('no linkback traffic for imported content', () => {
  let t: TestApp;
  let peer: Peer;
  let admin: User;
  const page = (p: Peer) => ({ body: `<html><head><link rel="webmention" href="${p.url}/wm"><link rel="pingback" href="${p.url}/xmlrpc"></head><body><a href="http://blog.test/">us</a></body></html>` });

  beforeAll(async () => {
    peer = await startPeer();
    peer.route('/article', (_, p) => page(p)).route('/source', (_, p) => page(p)).route('/new', (_, p) => page(p)).route('POST /wm', { status: 202 }).route('POST /rpc', { body: '<methodResponse/>' });
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'importer');
    // The peer is also an update service and a WebSub hub: neither may hear of imported posts (issue 17, issue 19).
    await saveSettings(t.ctx.db, { update_services: [`${peer.url}/rpc`], websub_hubs: [`${peer.url}/hub`] });
  });
  afterAll(async () => {
    await t.close();
    await peer.stop();
  });

  it('sends nothing during the import, after the queue runs, or in the re-verification sweep', async () => {
    const xml = wxrFile([
      wxrItem({ id: 10, title: 'Linking out', slug: 'linking-out', content: `<p>See <a href="${peer.url}/article">this</a>.</p>`, comments: [wxrComment({ id: 5, type: 'pingback', url: `${peer.url}/source`, author: 'A source page' })] }),
      wxrItem({ id: 12, title: 'Later', slug: 'later', status: 'future', date: '2099-01-01 09:00:00', content: `<p><a href="${peer.url}/article">soon</a></p>` }),
      wxrItem({ id: 11, title: 'Another', slug: 'another', content: `<p><a href="${peer.url}/article">again</a></p>`, comments: [wxrComment({ id: 6, type: 'trackback', url: `${peer.url}/source`, content: '<strong>T</strong>\n\nexcerpt' })] }),
    ]);
    const report = await importText(t, admin, xml);
    expect(report.ok).toBe(true);
    expect(report.created).toMatchObject({ posts: 3, pingbacks: 1, trackbacks: 1 });
    const jobs = await t.ctx.db.selectFrom('jobs').select('type').where('status', '=', 'queued').execute();
    expect(jobs.filter((j) => j.type.startsWith('linkbacks.'))).toEqual([]);
    await t.app.worker.runUntilIdle();
    await reverifySweep(t.ctx);
    await t.app.worker.runUntilIdle();
    expect(peer.requests).toEqual([]);
    // The scheduled one goes live when its time comes, still without a ping.
    t.clock.set('2099-01-02T00:00:00Z');
    await t.app.worker.runUntilIdle();
    expect((await t.ctx.db.selectFrom('posts').select('status').where('slug', '=', 'later').executeTakeFirstOrThrow()).status).toBe('published');
    await t.app.worker.runUntilIdle();
    expect(peer.requests).toEqual([]);
    const deliveries = await t.ctx.db.selectFrom('deliveries').select(['state', 'skip_reason']).execute();
    expect(deliveries).toEqual(Array.from({ length: 3 }, () => ({ state: 'skipped', skip_reason: 'imported' })));
  });

  it('sends a link added by a later edit, and only that one', async () => {
    const post = (await t.ctx.db.selectFrom('posts').selectAll().where('slug', '=', 'linking-out').executeTakeFirst())!;
    const edited = await updatePost(t.ctx, admin, post.id, { title: post.title, content: `${post.content}<p><a href="${peer.url}/new">new</a></p>`, status: 'published' });
    expect(edited.ok).toBe(true);
    await t.app.worker.runUntilIdle();
    const paths = peer.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('GET /new');
    expect(paths).not.toContain('GET /article');
  });
});
