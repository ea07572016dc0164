// "Download attachments from the old site" (issue 17 point 1): the fixture's old blog is played by a real
// HTTP server on 127.0.0.1 serving the fixture's images. Each attachment not given locally becomes a durable
// job carrying the old site's host (the queue's per-host limit, as outbound deliveries), fetched through the
// guarded client, stored like an upload; then the posts' links and featured images move to the copies. Only
// the attachment URLs are requested. Failures: a 404 fails at once with its reason, a 503 is retried by the
// queue's backoff, and the run's status counts them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { startPeer, type Peer, type PeerReply } from '../support/peer.js';
import type { User } from '../../src/db/schema.js';
import { FETCH_JOB } from '../../src/import/fetch-attachments.js';
import { fetchesOfRun } from '../../src/import/repository.js';
import { FIXTURE_FILE, FIXTURE_UPLOADS, importTextWith } from './helpers.js';

const IMAGES = ['2025/03/harbour-boats.png', '2025/06/harbour-fish-market.jpg', '2025/12/harbour-lights-quay.png', '2025/12/harbour-lights-blue.png'];

describe('attachments fetched from the old site', () => {
  let t: TestApp;
  let peer: Peer;
  let admin: User;
  let dir: string;
  let xml: string;
  let host: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backtalk-fetch-'));
    peer = await startPeer();
    host = new URL(peer.url).host;
    for (const image of IMAGES) peer.route(`GET /wp-content/uploads/${image}`, { body: readFileSync(join(FIXTURE_UPLOADS, image)), headers: { 'content-type': image.endsWith('.png') ? 'image/png' : 'image/jpeg' }, delayMs: 30 });
    // The fixture's old site (http://127.0.0.1:8081) is the peer: attachments, links and permalinks alike.
    xml = readFileSync(FIXTURE_FILE, 'utf8').replaceAll('127.0.0.1:8081', host);
    t = await createTestApp({ dataDir: dir });
    admin = await createUser(t.ctx, 'admin', 'owner');
  });
  afterAll(async () => {
    await t.close();
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const posts = () => t.ctx.db.selectFrom('posts').select(['slug', 'content', 'featured_media_id']).execute();
  const oldLinks = async () => (await posts()).filter((p) => p.content.includes(`${host}/wp-content/uploads/`)).map((p) => p.slug);

  it('queues one job per attachment with the old host, and fetches nothing during the import', async () => {
    const report = await importTextWith(t, admin, xml, { fetchAttachments: true, runId: 77 });
    expect(report.ok).toBe(true);
    expect(report.fetching).toBe(4);
    expect(report.created.attachments).toBe(0);
    expect(report.skipped.filter((s) => s.what.startsWith('attachment'))).toEqual([]);
    expect(peer.requests).toEqual([]);
    const jobs = await t.ctx.db.selectFrom('jobs').select(['type', 'host']).where('type', '=', FETCH_JOB).execute();
    expect(jobs).toEqual(IMAGES.map(() => ({ type: FETCH_JOB, host })));
    expect((await fetchesOfRun(t.ctx.db, 77)).counts).toEqual({ pending: 4, fetched: 0, failed: 0 });
    expect((await oldLinks()).length).toBeGreaterThan(0);
    const boats = (await posts()).find((p) => p.slug === 'boats-coming-home-to-the-harbour')!;
    expect(boats.featured_media_id).toBeNull();
  });

  it('fetches only the attachment URLs, at most WORKER_PER_HOST at once, and moves links and featured images', async () => {
    await t.app.worker.runUntilIdle();
    expect(peer.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(IMAGES.map((i) => `GET /wp-content/uploads/${i}`).sort());
    // Two at once (the peer is slow enough for them to overlap), never more: the limit outbound deliveries obey.
    expect(peer.maxInFlight).toBe(t.ctx.config.workerPerHost);
    expect((await fetchesOfRun(t.ctx.db, 77)).counts).toEqual({ pending: 0, fetched: 4, failed: 0 });
    const media = await t.ctx.db.selectFrom('media').select(['id', 'title', 'alt', 'parent_id']).execute();
    expect(media).toHaveLength(4);
    expect(await oldLinks()).toEqual([]);
    const all = await posts();
    const boats = all.find((p) => p.slug === 'boats-coming-home-to-the-harbour')!;
    expect(boats.featured_media_id).not.toBeNull();
    // A sized copy's link (harbour-fish-market-300x225.jpg) points at the imported original, as with the zip.
    expect(all.some((p) => p.content.includes('/wp-content/uploads/2025/06/harbour-fish-market'))).toBe(false);
    // Sizes are made by the usual media job, as for an upload.
    const sizes = await t.ctx.db.selectFrom('media_files').select('path').execute();
    expect(sizes.length).toBeGreaterThan(4);
  });

  it('fetches nothing again when the same file is imported again', async () => {
    const before = peer.requests.length;
    const report = await importTextWith(t, admin, xml, { fetchAttachments: true, runId: 78 });
    expect(report.existing.attachments).toBe(4);
    expect(report.fetching).toBe(0);
    await t.app.worker.runUntilIdle();
    expect(peer.requests.length).toBe(before);
  });
});

describe('attachment fetches that fail', () => {
  let t: TestApp;
  let peer: Peer;
  let admin: User;
  let dir: string;
  let busy = true;

  const site = () => peer.url;
  const file = (id: number, name: string) => `<item><title><![CDATA[${name}]]></title><link>${site()}/?attachment_id=${id}</link><dc:creator><![CDATA[writer]]></dc:creator><guid isPermaLink="false">${site()}/wp-content/uploads/2024/05/${name}</guid><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date><![CDATA[2024-05-01 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-05-01 10:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[${name}]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:attachment_url><![CDATA[${site()}/wp-content/uploads/2024/05/${name}]]></wp:attachment_url><wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2024/05/${name}]]></wp:meta_value></wp:postmeta></item>`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backtalk-fetch-fail-'));
    peer = await startPeer();
    const png = readFileSync(join(FIXTURE_UPLOADS, IMAGES[0]!));
    peer.route('GET /wp-content/uploads/2024/05/busy.png', (): PeerReply => (busy ? { status: 503, headers: { 'retry-after': '120' }, body: 'busy' } : { body: png, headers: { 'content-type': 'image/png' } }));
    t = await createTestApp({ dataDir: dir });
    admin = await createUser(t.ctx, 'admin', 'owner');
  });
  afterAll(async () => {
    await t.close();
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails a 404 for good with its reason, retries a 503 after its Retry-After, and counts both', async () => {
    const { wxrFile, wxrItem } = await import('./wxr-builder.js');
    const content = `<p><img src="${site()}/wp-content/uploads/2024/05/busy.png"><img src="${site()}/wp-content/uploads/2024/05/gone.png"></p>`;
    const xml = wxrFile([file(31, 'gone.png'), file(32, 'busy.png'), wxrItem({ id: 40, title: 'Pictures', slug: 'pictures', content }, site())], site());
    const report = await importTextWith(t, admin, xml, { fetchAttachments: true, runId: 5 });
    expect(report.fetching).toBe(2);
    await t.app.worker.runUntilIdle();
    let status = await fetchesOfRun(t.ctx.db, 5);
    expect(status.counts).toEqual({ pending: 1, fetched: 0, failed: 1 });
    expect(status.failures).toEqual([{ url: `${site()}/wp-content/uploads/2024/05/gone.png`, title: 'gone.png', error: 'The old site answered 404: the file is not there any more.' }]);
    expect(status.waiting[0]!.error).toMatch(/answered 503.*attempt 1 of 5; tried again later/);
    expect(peer.received('GET', '/wp-content/uploads/2024/05/gone.png')).toHaveLength(1);

    // Not before the 120 s the old site asked for.
    t.clock.advance(60_000);
    await t.app.worker.runUntilIdle();
    expect(peer.received('GET', '/wp-content/uploads/2024/05/busy.png')).toHaveLength(1);
    busy = false;
    t.clock.advance(61_000);
    await t.app.worker.runUntilIdle();
    status = await fetchesOfRun(t.ctx.db, 5);
    expect(status.counts).toEqual({ pending: 0, fetched: 1, failed: 1 });
    const post = await t.ctx.db.selectFrom('posts').select('content').where('slug', '=', 'pictures').executeTakeFirstOrThrow();
    expect(post.content).not.toContain('/uploads/2024/05/busy.png');
    expect(post.content).toContain(`${site()}/wp-content/uploads/2024/05/gone.png`);
    expect(peer.received('GET', '/wp-content/uploads/2024/05/gone.png')).toHaveLength(1);
  });

  it('tries a failed attachment again when the file is imported again with the option on', async () => {
    const { wxrFile } = await import('./wxr-builder.js');
    peer.route('GET /wp-content/uploads/2024/05/gone.png', { body: readFileSync(join(FIXTURE_UPLOADS, IMAGES[0]!)), headers: { 'content-type': 'image/png' } });
    const report = await importTextWith(t, admin, wxrFile([file(31, 'gone.png'), file(32, 'busy.png')], site()), { fetchAttachments: true, runId: 6 });
    expect(report.fetching).toBe(1);
    expect(report.existing.attachments).toBe(1);
    await t.app.worker.runUntilIdle();
    expect((await fetchesOfRun(t.ctx.db, 6)).counts).toEqual({ pending: 0, fetched: 1, failed: 0 });
    const post = await t.ctx.db.selectFrom('posts').select('content').where('slug', '=', 'pictures').executeTakeFirstOrThrow();
    expect(post.content).not.toContain('wp-content/uploads');
  });
});
