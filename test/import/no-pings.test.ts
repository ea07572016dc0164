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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_UPLOADS, importText, importTextWith } from './helpers.js';
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

describe('with "Download attachments from the old site" on', () => {
  let t: TestApp;
  let peer: Peer;
  let admin: User;

  beforeAll(async () => {
    peer = await startPeer();
    const page = { body: `<html><head><link rel="webmention" href="${peer.url}/wm"><link rel="pingback" href="${peer.url}/xmlrpc"></head><body>hi</body></html>` };
    peer.route('/article', page).route('/source', page).route('POST /wm', { status: 202 }).route('POST /rpc', { body: '<methodResponse/>' });
    peer.route('GET /wp-content/uploads/2024/05/boats.png', { body: readFileSync(join(FIXTURE_UPLOADS, '2025/03/harbour-boats.png')), headers: { 'content-type': 'image/png' } });
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'importer');
    await saveSettings(t.ctx.db, { update_services: [`${peer.url}/rpc`], websub_hubs: [`${peer.url}/hub`] });
  });
  afterAll(async () => {
    await t.close();
    await peer.stop();
  });

  it('requests the attachment URLs and nothing else: no discovery, no pings, no update services', async () => {
    const site = peer.url;
    const attachment = `<item><title><![CDATA[boats]]></title><link>${site}/?attachment_id=30</link><dc:creator><![CDATA[writer]]></dc:creator><guid isPermaLink="false">${site}/wp-content/uploads/2024/05/boats.png</guid><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>30</wp:post_id><wp:post_date><![CDATA[2024-05-01 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-05-01 10:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[boats]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>10</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:attachment_url><![CDATA[${site}/wp-content/uploads/2024/05/boats.png]]></wp:attachment_url></item>`;
    const xml = wxrFile([
      attachment,
      wxrItem({ id: 10, title: 'Linking out', slug: 'linking-out', content: `<p>See <a href="${site}/article">this</a>.</p><p><img src="${site}/wp-content/uploads/2024/05/boats.png"></p>`, meta: { _thumbnail_id: '30' }, comments: [wxrComment({ id: 5, type: 'pingback', url: `${site}/source`, author: 'A source page' })] }, site),
    ], site);
    const report = await importTextWith(t, admin, xml, { fetchAttachments: true });
    expect(report.ok).toBe(true);
    expect(report.fetching).toBe(1);
    await t.app.worker.runUntilIdle();
    await reverifySweep(t.ctx);
    await t.app.worker.runUntilIdle();
    expect(peer.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /wp-content/uploads/2024/05/boats.png']);
    const post = await t.ctx.db.selectFrom('posts').select(['content', 'featured_media_id']).where('slug', '=', 'linking-out').executeTakeFirstOrThrow();
    expect(post.featured_media_id).not.toBeNull();
    expect(post.content).not.toContain('/wp-content/uploads/');
    expect(post.content).toContain(`${site}/article`);
  });
});
